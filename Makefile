# asyncc: one non-recursive Makefile.  Every output goes under build/:
#   build/asyncc, build/libasyncc.{a,so}      release (-O2) tool and runtime
#   build/asan/...                            the same with ASan+UBSan (make test)
#   build/tsan/...                            the runtime and its tests with TSan
#   build/gen/                                flex and bison outputs
# Sources are found by wildcard, so a new compiler/*.c, runtime/*.c or test
# file needs no edit here.

PREFIX  ?= /usr/local
CC      ?= cc
LLVM    ?= /usr/lib/llvm-19
FLEX    ?= flex
BISON   ?= bison
VERSION := 0.1.0

WARN    := -Wall -Wextra -Werror
CFLAGS_BASE := -std=gnu11 -g $(WARN) -fPIC -MMD -MP \
	-Iruntime -Icompiler -Ibuild/gen -I$(LLVM)/include \
	-DASYNCC_VERSION='"$(VERSION)"' -D_GNU_SOURCE
REL_FLAGS  := -O2
ASAN_FLAGS := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
TSAN_FLAGS := -O1 -fsanitize=thread
CLANG_LIBS := -L$(LLVM)/lib -lclang-19 -Wl,-rpath,$(LLVM)/lib
CMOCKA_LIBS := -lcmocka
THREAD_LIBS := -lpthread

CC_SRCS  := $(wildcard compiler/*.c) build/gen/scan.c build/gen/parse.c
CC_LIB_SRCS := $(filter-out compiler/main.c,$(CC_SRCS))
RT_SRCS  := $(wildcard runtime/*.c)
UNIT_TESTS := $(patsubst %.c,%,$(wildcard tests/unit/test_*.c))
RT_TESTS   := $(patsubst %.c,%,$(wildcard tests/runtime/test_*.c))

objs = $(patsubst %.c,$(1)/%.o,$(2))

# Test objects are intermediate files of pattern rules: keep them, so a
# second `make test` does not rebuild every test program.
.SECONDARY:

.PHONY: all deps test-deps demo docs test test-bins asan tsan stress bench bench-quick \
	bench-tool install uninstall clean
all: deps build/asyncc build/libasyncc.a build/libasyncc.so

# --- dependencies ------------------------------------------------------
# The stamps make `make` install missing Debian packages once per tree:
# build/.deps what building needs, build/.deps-test what `make test` needs
# on top (.ci/deps test).
deps: build/.deps
build/.deps: .ci/deps
	@mkdir -p build
	.ci/deps
	@touch $@
test-deps: build/.deps-test
build/.deps-test: .ci/deps
	@mkdir -p build
	.ci/deps test
	@touch $@

# --- generated sources -------------------------------------------------
build/gen/parse.c build/gen/parse.h &: grammar/parse.y | build/.deps
	@mkdir -p build/gen
	$(BISON) -Wall -Werror --defines=build/gen/parse.h -o build/gen/parse.c $<
# -Cf: uncompressed tables, 40% faster scanning (15 ms of the 40 on the
# 3.6 MB duktape.c; docs/performance.md, "The tool's growth").
build/gen/scan.c: grammar/scan.l build/gen/parse.h Makefile | build/.deps
	@mkdir -p build/gen
	$(FLEX) -Cf -o $@ $<

# --- objects, one rule per build variant --------------------------------
# $(1) = output directory, $(2) = extra flags.
# V=1 shows the full commands.
Q := $(if $(V),,@)
define variant
$(1)/%.o: %.c build/gen/parse.h | build/.deps
	@mkdir -p $$(@D)
	@$(if $(V),true,echo "  CC    $$@")
	$(Q)$$(CC) $$(CFLAGS_BASE) $(2) $$(GEN_CFLAGS) -c $$< -o $$@
$(1)/build/gen/%.o: GEN_CFLAGS := -Wno-sign-compare -Wno-unused-function
endef
$(eval $(call variant,build/rel,$(REL_FLAGS)))
$(eval $(call variant,build/asan,$(ASAN_FLAGS)))
$(eval $(call variant,build/tsan,$(TSAN_FLAGS)))

# --- the tool ----------------------------------------------------------
build/asyncc: $(call objs,build/rel,$(CC_SRCS))
	$(CC) $(REL_FLAGS) -o $@ $^ $(CLANG_LIBS)
build/asan/asyncc: $(call objs,build/asan,$(CC_SRCS))
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(CLANG_LIBS)

# --- the runtime -------------------------------------------------------
# debug.c embeds the gdb extension (.incbin, which -MMD does not see).
build/rel/runtime/debug.o build/asan/runtime/debug.o build/tsan/runtime/debug.o: \
	dist/asyncc-gdb.py
build/libasyncc.a: $(call objs,build/rel,$(RT_SRCS))
	rm -f $@ && ar rcs $@ $^
build/libasyncc.so: $(call objs,build/rel,$(RT_SRCS))
	$(CC) -shared -Wl,-soname,libasyncc.so.0 -o $@ $^ $(THREAD_LIBS)
build/asan/libasyncc.a: $(call objs,build/asan,$(RT_SRCS))
	rm -f $@ && ar rcs $@ $^
build/tsan/libasyncc.a: $(call objs,build/tsan,$(RT_SRCS))
	rm -f $@ && ar rcs $@ $^

# --- tests -------------------------------------------------------------
# Compiler unit tests link every compiler object but main; runtime tests
# link the runtime library, and are built twice (ASan+UBSan and TSan).
build/asan/tests/unit/%: build/asan/tests/unit/%.o \
		$(call objs,build/asan,$(CC_LIB_SRCS))
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(CMOCKA_LIBS) $(CLANG_LIBS)
build/asan/tests/runtime/%: build/asan/tests/runtime/%.o build/asan/libasyncc.a
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(CMOCKA_LIBS) $(THREAD_LIBS)
build/tsan/tests/runtime/%: build/tsan/tests/runtime/%.o build/tsan/libasyncc.a
	$(CC) $(TSAN_FLAGS) -o $@ $^ $(CMOCKA_LIBS) $(THREAD_LIBS)

TEST_BINS := build/asyncc build/asan/asyncc build/asan/libasyncc.a build/tsan/libasyncc.a \
	build/libasyncc.a \
	$(addprefix build/asan/,$(UNIT_TESTS)) \
	$(addprefix build/asan/,$(RT_TESTS)) $(addprefix build/tsan/,$(RT_TESTS))
# Test-only packages (cmocka, cmake, meson, clangd...) first, then the
# programs that need them.
# The test programs build a job per CPU unless make was given its own -j.
TEST_BUILD_JOBS = $(if $(filter -j% --jobserver%,$(MAKEFLAGS)),,-j$(shell nproc))
test: test-deps
	@$(MAKE) --no-print-directory $(TEST_BUILD_JOBS) test-bins
	tests/run.sh
test-bins: $(TEST_BINS)
asan: deps build/asan/asyncc build/asan/libasyncc.a
tsan: deps build/tsan/libasyncc.a $(addprefix build/tsan/,$(RT_TESTS))

# --- examples ----------------------------------------------------------
# The quick start's first command: transform, compile and run an example.
demo: all
	build/asyncc examples/hello.c -o build/hello.gen.c
	$(CC) -std=c11 -Wall -Wextra -Werror -O2 -Iruntime build/hello.gen.c \
		build/libasyncc.a -lpthread -o build/hello
	@echo "--- build/hello (generated C: build/hello.gen.c)"
	build/hello

# --- docs ----------------------------------------------------------------
# The state-machine pictures of docs/lowering.md (docs/img/*.svg, committed):
# --explain=dot of the seed examples drawn by Graphviz.  make test fails
# when the compiler would now draw one differently (docs/img/render.sh).
docs: test-deps build/asyncc
	docs/img/render.sh build/asyncc

# --- benchmarks --------------------------------------------------------
# --- bench begin (bench/README.md; everything bench needs lives here) ----
# make bench        every figure of bench/README.md, asyncc beside its
#                   baselines, in one run: build/bench/results.tsv, chart.svg
# make bench-quick  the same with fewer runs and smaller sizes (< 1 minute)
# make bench-tool   only the tool's speed (bench/tool.sh, bench/scale.sh)
# The peers (g++, clang++, go, node, wrk, valgrind, gnuplot) come from
# `.ci/deps bench`; a peer still missing is skipped by bench/run.sh.
BENCH      := build/bench
# The tool that lowers the dialect benchmarks (ASYNCC=... to try another).
ASYNCC     ?= build/asyncc
BENCH_CC   := $(CC) -std=gnu11 -O2 -Wall -Wextra -Iruntime -Ibench
BENCH_HDRS := bench/common.h bench/suspend_main.h
CXX_CLANG  := $(firstword $(shell command -v clang++-19 clang++ 2>/dev/null))
BENCH_DIALECT := $(addprefix $(BENCH)/,await_ready suspend spawn tasks)
BENCH_BINS := $(BENCH_DIALECT) $(BENCH)/sync_call $(BENCH)/sm $(BENCH)/sync $(BENCH)/limit $(BENCH)/http-server \
	$(BENCH)/http-epoll $(BENCH)/http-probe \
	$(if $(shell command -v g++ 2>/dev/null),$(BENCH)/coro-gcc) \
	$(if $(CXX_CLANG),$(BENCH)/coro-clang $(BENCH)/await_ready-clang) \
	$(if $(shell command -v go 2>/dev/null),$(BENCH)/gobench $(BENCH)/hello-go)
GO_ENV     := GOCACHE=$(CURDIR)/$(BENCH)/gocache GOPATH=$(CURDIR)/$(BENCH)/gopath GO111MODULE=off

bench bench-quick: all
	@.ci/deps bench || echo "bench: could not install every peer; missing ones are skipped"
	@$(MAKE) --no-print-directory bench-bins
	bench/run.sh $(if $(filter bench-quick,$@),--quick)
bench-bins: $(BENCH_BINS)
bench-tool: all
	bench/tool.sh
	bench/scale.sh 2000

$(BENCH)/%.gen.c: bench/%.c $(ASYNCC)
	@mkdir -p $(@D)
	$(ASYNCC) $< -o $@
$(BENCH)/http.gen.c: examples/http/server.c $(ASYNCC)
	@mkdir -p $(@D)
	$(ASYNCC) $< -o $@
$(BENCH_DIALECT): $(BENCH)/%: $(BENCH)/%.gen.c build/libasyncc.a $(BENCH_HDRS)
	$(BENCH_CC) $< build/libasyncc.a -lpthread -o $@
# The await-ready loop compiled by clang too.
$(BENCH)/await_ready-clang: $(BENCH)/await_ready.gen.c build/libasyncc.a $(BENCH_HDRS)
	clang-19 -std=gnu11 -O2 -Wall -Wextra -Dnoipa=noinline -Iruntime -Ibench $< build/libasyncc.a -lpthread -o $@
$(BENCH)/sync_call: $(BENCH)/sync_call.gen.c bench/sync_call_main.c build/libasyncc.a $(BENCH_HDRS)
	$(BENCH_CC) $(filter %.c,$^) build/libasyncc.a -lpthread -o $@
$(BENCH)/sm: bench/sm.c build/libasyncc.a $(BENCH_HDRS)
	$(BENCH_CC) $< build/libasyncc.a -lpthread -o $@
$(BENCH)/sync: bench/sync.c build/libasyncc.a $(BENCH_HDRS)
	@mkdir -p $(@D)
	$(BENCH_CC) $< build/libasyncc.a -lpthread -o $@
$(BENCH)/limit: bench/limit.c bench/common.h
	@mkdir -p $(@D)
	$(BENCH_CC) $< -o $@
$(BENCH)/http-server: $(BENCH)/http.gen.c build/libasyncc.a
	$(BENCH_CC) $< build/libasyncc.a -lpthread -o $@
$(BENCH)/http-epoll: bench/http/epoll.c
	@mkdir -p $(@D)
	$(BENCH_CC) $< -lpthread -o $@
$(BENCH)/http-probe: bench/http/probe.c
	@mkdir -p $(@D)
	$(BENCH_CC) $< -lpthread -o $@
$(BENCH)/coro-gcc: bench/cpp/coro.cpp
	@mkdir -p $(@D)
	g++ -std=c++20 -O2 -Wall -Wextra $< -o $@
$(BENCH)/coro-clang: bench/cpp/coro.cpp
	@mkdir -p $(@D)
	$(CXX_CLANG) -std=c++20 -O2 -Wall -Wextra $< -o $@
$(BENCH)/gobench: bench/go/bench.go
	$(GO_ENV) go build -o $@ $<
$(BENCH)/hello-go: bench/http/hello.go
	$(GO_ENV) go build -o $@ $<
.PHONY: bench-bins
# --- bench end ---------------------------------------------------------

# --- soak begin (examples/http/soak/README.md) ---------------------------
# make soak SECONDS=N   the HTTP example under wrk and a fault client for
#                       about N seconds (60): the -O2 build for 2/3 of the
#                       time (RSS must stay flat), then the ASan build
#                       (LeakSanitizer at exit).  wrk comes from .ci/deps soak.
SOAK := build/soak
SECONDS ?= 60
.PHONY: soak
soak: all
	@.ci/deps soak || echo "soak: could not install wrk"
	@$(MAKE) --no-print-directory $(SOAK)/fault $(SOAK)/http-server $(SOAK)/http-server-asan
	examples/http/soak/soak.sh $(SECONDS)
$(SOAK)/fault: examples/http/soak/fault.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 -Wall -Wextra $< -lpthread -o $@
$(SOAK)/http-server: $(BENCH)/http.gen.c build/libasyncc.a
	@mkdir -p $(@D)
	$(BENCH_CC) $< build/libasyncc.a -lpthread -o $@
$(SOAK)/http-server-asan: $(BENCH)/http.gen.c build/asan/libasyncc.a
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -g $(ASAN_FLAGS) -Wall -Wextra -Iruntime $< build/asan/libasyncc.a -lpthread -o $@
# --- soak end ------------------------------------------------------------

# --- install -----------------------------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=...]: the tool, the runtime,
# asyncc.pc, the CMake package, the make fragment, the man page, and what
# editors need (asyncc-ide.h, a clangd configuration); docs/build.md.
# Outside /usr, asyncc.pc adds an rpath, so programs linked with
# `pkg-config --libs asyncc` find libasyncc.so.0 without LD_LIBRARY_PATH;
# `pkg-config --variable=archive asyncc` names the static library.
LIBDIR   := $(PREFIX)/lib
DATADIR  := $(PREFIX)/share/asyncc
PC_RPATH := $(if $(filter /usr,$(PREFIX)),,-Wl,-rpath,$${libdir} )
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include \
		$(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(LIBDIR)/cmake/asyncc \
		$(DESTDIR)$(DATADIR) $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/asyncc $(DESTDIR)$(PREFIX)/bin/asyncc
	install -m 644 runtime/asyncc.h runtime/asyncc-ide.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 build/libasyncc.a $(DESTDIR)$(LIBDIR)/libasyncc.a
	install -m 755 build/libasyncc.so $(DESTDIR)$(LIBDIR)/libasyncc.so.0
	ln -sf libasyncc.so.0 $(DESTDIR)$(LIBDIR)/libasyncc.so
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' \
		-e 's|^Libs: -L$${libdir} |Libs: -L$${libdir} $(PC_RPATH)|' \
		-e '/^includedir=/a archive=$${libdir}/libasyncc.a' \
		-e '/^includedir=/a makefile=$${prefix}/share/asyncc/asyncc.mk' \
		-e '/^includedir=/a idedir=$${prefix}/share/asyncc' \
		runtime/asyncc.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/asyncc.pc
	install -m 644 cmake/asyncc-config.cmake cmake/asyncc-compile-commands.cmake \
		$(DESTDIR)$(LIBDIR)/cmake/asyncc/
	sed 's|@VERSION@|$(VERSION)|g' cmake/asyncc-config-version.cmake.in \
		> $(DESTDIR)$(LIBDIR)/cmake/asyncc/asyncc-config-version.cmake
	install -m 644 dist/asyncc.mk dist/asyncc-gdb.py $(DESTDIR)$(DATADIR)/
	sed 's|@PREFIX@|$(PREFIX)|g' dist/clangd.yaml.in > $(DESTDIR)$(DATADIR)/clangd.yaml
	sed 's|@VERSION@|$(VERSION)|g' docs/asyncc.1 > $(DESTDIR)$(PREFIX)/share/man/man1/asyncc.1
	@# /usr/local/lib is searched through ld.so's cache only
	$(if $(DESTDIR)$(filter-out /usr/local,$(PREFIX)),,-[ "$$(id -u)" != 0 ] || ldconfig)
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/asyncc $(DESTDIR)$(PREFIX)/include/asyncc.h \
		$(DESTDIR)$(PREFIX)/include/asyncc-ide.h \
		$(DESTDIR)$(LIBDIR)/libasyncc.a $(DESTDIR)$(LIBDIR)/libasyncc.so* \
		$(DESTDIR)$(LIBDIR)/pkgconfig/asyncc.pc \
		$(DESTDIR)$(PREFIX)/share/man/man1/asyncc.1
	rm -rf $(DESTDIR)$(LIBDIR)/cmake/asyncc $(DESTDIR)$(DATADIR)

clean:
	rm -rf build

# --- runtime begin (the runtime's own extra targets live here) ---------
# runtime-test: every runtime test, ASan+UBSan then TSan, without the tool.
# stress: the stress test with ASYNCC_STRESS=1 (10x the scale), bounded.
RT_ASAN := $(addprefix build/asan/,$(RT_TESTS))
RT_TSAN := $(addprefix build/tsan/,$(RT_TESTS))
.PHONY: runtime-test
runtime-test: $(RT_ASAN) $(RT_TSAN)
	@set -e; for t in $^; do timeout 300 $$t >/dev/null 2>&1 \
		&& echo "ok $$t" || { echo "FAIL $$t"; exit 1; }; done
stress: build/asan/tests/runtime/test_stress build/tsan/tests/runtime/test_stress
	@set -e; for t in $^; do echo "--- $$t (ASYNCC_STRESS=1)"; \
		ASYNCC_STRESS=1 timeout 900 $$t; done
# --- runtime end -------------------------------------------------------

-include $(shell find build -name '*.d' 2>/dev/null)

# --- fuzz begin (tests/random, tests/fuzz: the tools that find bugs) ----
# make fuzz-diff SECONDS=N   random programs against their synchronous
#                            meaning for N seconds, one compiler configuration
#                            per program in turn (tests/random/diff.sh: gcc and
#                            clang-19, -O0 -O2, ASan+UBSan, TSan, --no-embed)
# make fuzz SECONDS=N        libFuzzer over the front end for N seconds, then
#                            mutated test files through the whole tool for N
# Both run under nice -n 19 and keep what failed in build/random/fail,
# build/fuzz/artifacts and build/fuzz/mutants.
SECONDS     ?= 300
FUZZ_CC     := clang-19
FUZZ_FLAGS  := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=all
FUZZ_LIB_SRCS := $(filter-out compiler/arena.c compiler/diag.c,$(CC_LIB_SRCS))
# libFuzzer writes what it learns to build/fuzz/corpus and only reads these.
FUZZ_SEEDS  := tests/e2e tests/reject tests/passthrough tests/golden tests/warn examples
.PHONY: fuzz fuzz-diff

# make test runs 300 random units (tests/run.sh, random/diff).
test: build/random/gen
build/random/gen: tests/random/gen.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARN) -o $@ $<
build/random/mutate: tests/fuzz/mutate.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O2 $(WARN) -o $@ $<
build/fuzz/%.o: %.c build/gen/parse.h | build/.deps
	@mkdir -p $(@D)
	@$(if $(V),true,echo "  FUZZCC $@")
	$(Q)$(FUZZ_CC) $(CFLAGS_BASE) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link \
		$(FUZZ_GEN_CFLAGS) -c $< -o $@
build/fuzz/build/gen/%.o: FUZZ_GEN_CFLAGS := -Wno-sign-compare -Wno-unused-function \
	-Wno-unused-but-set-variable
build/fuzz/fuzz_front: build/fuzz/tests/fuzz/fuzz_front.o \
		$(call objs,build/fuzz,$(FUZZ_LIB_SRCS))
	$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -o $@ $^ $(CLANG_LIBS)

fuzz-diff: deps build/asan/asyncc build/asan/libasyncc.a build/tsan/libasyncc.a build/random/gen
	nice -n 19 tests/random/diff.sh -v -u 10 -s $(SECONDS) -f $$(date +%s)
fuzz: deps build/fuzz/fuzz_front build/asan/asyncc build/random/mutate
	@mkdir -p build/fuzz/corpus build/fuzz/artifacts
	nice -n 19 build/fuzz/fuzz_front -max_total_time=$(SECONDS) -timeout=10 \
		-rss_limit_mb=2048 -max_len=65536 -detect_leaks=0 -print_final_stats=1 \
		-close_fd_mask=2 -dict=tests/fuzz/dialect.dict -artifact_prefix=build/fuzz/artifacts/ \
		build/fuzz/corpus $(FUZZ_SEEDS)
	nice -n 19 tests/fuzz/mutate.sh -s $(SECONDS)
# --- fuzz end ----------------------------------------------------------
