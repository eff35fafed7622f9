# asyncc.mk: build asyncc dialect sources (.ac) with make (docs/build.md).
#
#   ASYNCC_SRCS = main.ac server.ac      # before the include line
#   include $(shell pkg-config --variable=makefile asyncc)
#
# Each X.ac becomes X.c (then X.o by make's own rule), with its make
# dependencies in X.c.d: it is transformed again when it or a header it
# includes changes.  The generated C is kept (.SECONDARY), so make never
# deletes it as an intermediate file and rebuilds everything on the next
# run.  X.c.d never collides with the X.d that cc -MMD writes for X.o.
#
# Variables: ASYNCC (the tool), ASYNCC_FLAGS (its own flags, e.g. -Werror);
# CPPFLAGS and CFLAGS are given to it as to the C compiler (a -D in CFLAGS
# must reach it too; the flags that do not concern it are ignored).

ASYNCC      ?= asyncc
ASYNCC_SRCS ?= $(wildcard *.ac)
ASYNCC_GEN   = $(ASYNCC_SRCS:.ac=.c)

%.c: %.ac
	$(ASYNCC) $(CPPFLAGS) $(filter-out -MD -MMD -MP,$(CFLAGS)) $(ASYNCC_FLAGS) -MMD -MP $< -o $@

.SECONDARY: $(ASYNCC_GEN)
# The dependency files name targets: keep the Makefile's default goal.
_asyncc_goal := $(.DEFAULT_GOAL)
-include $(ASYNCC_GEN:=.d)
.DEFAULT_GOAL := $(_asyncc_goal)
