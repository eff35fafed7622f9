# tests/tool/cli.sh: sourced by tests/run.sh (uses its ok, bad, wanted, cli,
# TMP and ASYNCC).  The command line as a C compiler's (issue 13), the
# dependency files as gcc's, and the file-system promises of output.c
# (issue 14): each test fails without the behaviour it names.

B=$TMP/build-cli
ASYNCC_ABS=$(realpath "$ASYNCC")
mkdir -p "$B/inc" "$B/sys" "$B/quote" "$B/after"
HELLO=examples/hello.c

# A dialect file that needs its preprocessor flags: each #error fires when
# one of them was not used.
cat > "$B/flags.ac" <<'EOF'
#include <asyncc.h>
#include "q.h"
#include <s.h>
#include <a.h>
#ifndef FROM_D
#error -D was not used
#endif
#ifdef GONE
#error -U was not used
#endif
#ifndef FROM_INCLUDE
#error -include was not used
#endif
#ifndef FROM_IMACROS
#error -imacros was not used
#endif
#ifndef FROM_WP
#error -Wp, was not used
#endif
#if __STDC_VERSION__ != 201710L
#error -std=c17 was not used
#endif
static async int one(void) { return Q + S + A; }
int main(void) { return ac_wait(one()) == 3 ? 0 : 1; }
EOF
echo '#define Q 1' > "$B/quote/q.h"
echo '#define S 1' > "$B/sys/s.h"
echo '#define A 1' > "$B/after/a.h"
echo '#define FROM_INCLUDE 1' > "$B/pre.h"
echo '#define FROM_IMACROS 1' > "$B/mac.h"
PP_FLAGS=(-iquote "$B/quote" -isystem "$B/sys" -idirafter "$B/after" -DFROM_D -DGONE -UGONE
          -include "$B/pre.h" -imacros "$B/mac.h" -Wp,-DFROM_WP -std=c17)
# What a Makefile's $(CFLAGS) holds, none of which concerns asyncc.
CC_FLAGS=(-O2 -g -g3 -Wall -Wextra -Werror -Wshadow -Wl,--as-needed -fPIC -fstack-protector-strong
          -march=x86-64 -pthread -c -pipe -pedantic -x c -Lfoo -lm -MMD -MT x.o)

cli cc/preprocessor-flags-used 0 '' "$ASYNCC" "${PP_FLAGS[@]}" "$B/flags.ac" -o "$B/flags.c"
cli cc/preprocessor-flags-needed 1 'error: -D was not used' "$ASYNCC" "$B/flags.ac" -o "$B/flags.c"
if wanted cli/cc/compiler-flags-ignored; then
  if err=$("$ASYNCC" "${CC_FLAGS[@]}" "$HELLO" -o "$B/h1.c" 2>&1) && mv "$B/h1.c" "$B/h2.c" &&
     "$ASYNCC" "$HELLO" -o "$B/h1.c" && cmp -s "$B/h1.c" "$B/h2.c"
  then ok cli/cc/compiler-flags-ignored; else bad cli/cc/compiler-flags-ignored "$err"; fi
fi
cli cc/nostdinc 1 "'stdatomic.h' file not found" "$ASYNCC" -nostdinc -I runtime "$HELLO" -o "$B/x.c"
cli cc/sysroot 1 "'sys/types.h' file not found" "$ASYNCC" --sysroot=/nonexistent "$HELLO" -o "$B/x.c"
cli cc/sysroot-separate 1 "'sys/types.h' file not found" "$ASYNCC" --sysroot /nonexistent "$HELLO" -o "$B/x.c"
cli cc/target 0 '' "$ASYNCC" -target x86_64-linux-gnu --target=x86_64-linux-gnu "$HELLO" -o "$B/x.c"
cli cc/target-missing 1 "missing argument to '-target'" "$ASYNCC" "$HELLO" -target
cli cc/bad-std 1 "invalid value 'bogus' in '-std=bogus'" "$ASYNCC" -std=bogus "$HELLO" -o "$B/x.c"
cli cc/cxx-std 1 "invalid value 'c++17'" "$ASYNCC" -std=c++17 "$HELLO" -o "$B/x.c"
cli cc/bad-x 1 "asyncc reads C only" "$ASYNCC" -x c++ "$HELLO" -o "$B/x.c"
cli cc/misspelt-own-option 1 "unknown option '--explian'" "$ASYNCC" --explian "$HELLO"

# --- asyncc's own warnings, in the compilers' style --------------------------
W=tests/warn/spilled_await.c
cli warn/named 0 'warning: .*\[-Wspilled-await\]' "$ASYNCC" "$W" -o "$B/w.c"
cli warn/no-name 0 '^$' "$ASYNCC" -Wno-spilled-await "$W" -o "$B/w.c"
cli warn/no-other-name 0 'spilled-await' "$ASYNCC" -Wno-blocking-call "$W" -o "$B/w.c"
cli warn/reenabled 0 'spilled-await' "$ASYNCC" -Wno-spilled-await -Wspilled-await "$W" -o "$B/w.c"
cli warn/werror 1 'error: .*\[-Werror=spilled-await\]' "$ASYNCC" -Werror "$W" -o "$B/w.c"
cli warn/werror-name 1 '\[-Werror=spilled-await\]' "$ASYNCC" -Werror=spilled-await "$W" -o "$B/w.c"
cli warn/werror-other-name 0 'warning: .*\[-Wspilled-await\]' "$ASYNCC" -Werror=blocking-call "$W" -o "$B/w.c"
cli warn/no-error-name 0 'warning: ' "$ASYNCC" -Werror -Wno-error=spilled-await "$W" -o "$B/w.c"
cli warn/w 0 '^$' "$ASYNCC" -Werror -w "$W" -o "$B/w.c"
if wanted cli/warn/werror-keeps-output; then
  echo old > "$B/kept.c"
  if ! "$ASYNCC" -Werror "$W" -o "$B/kept.c" 2>/dev/null && [ "$(cat "$B/kept.c")" = old ]
  then ok cli/warn/werror-keeps-output; else bad cli/warn/werror-keeps-output "output replaced"; fi
fi

# --- dependency files, byte for byte as gcc's ---------------------------------
# gcc -M only preprocesses, so it reads a dialect file too.  Names with a
# space, '$' and '#' check the quoting; a long list checks the wrapping.
D=$TMP/build-deps
mkdir -p "$D/sp ace" "$D/inc"
for h in a b c long_header_name_number_one long_header_name_number_two; do
  printf '#pragma once\n/* %s */\n' "$h" > "$D/inc/$h.h"   # gcc compares contents
done
echo '#pragma once' > "$D/sp ace/odd\$name#.h"
cat > "$D/main.ac" <<'EOF'
#include <asyncc.h>
#include <stdio.h>
#include "inc/a.h"
#include "inc/b.h"
#include "inc/a.h"
#include "inc/long_header_name_number_one.h"
#include "inc/long_header_name_number_two.h"
#include "sp ace/odd$name#.h"
#include <c.h>
static async int f(void) { return 1; }
int main(void) { return ac_wait(f()); }
EOF
cp "$D/main.ac" "$D/plain.c" && sed -i '/async\|ac_wait/d' "$D/plain.c"
deps_like_gcc() {   # name file flags...: asyncc FLAGS writes what gcc FLAGS writes
  local name=cli/deps/$1 file=$2 want got
  shift 2
  wanted "$name" || return 0
  want=$(cd "$D" && gcc -I"$OLDPWD/runtime" -Iinc "$@" -x c "$file" 2>&1)
  got=$(cd "$D" && "$ASYNCC_ABS" -I"$OLDPWD/runtime" -Iinc "$@" "$file" 2>&1)
  if [ "$want" = "$got" ]; then ok "$name"; else bad "$name" "$(diff <(echo "$want") <(echo "$got"))"; fi
}
deps_like_gcc MM main.ac -MM
deps_like_gcc MM-MP main.ac -MM -MP
deps_like_gcc MM-MT-MQ main.ac -MM -MQ 'a$ b' -MT 'x y' -MQ 'c#' -MT z
deps_like_gcc MM-plain-c plain.c -MM -MP
if wanted cli/deps/MD-file; then
  # -MD beside the output: OUTPUT.d, target OUTPUT; gcc's own -MD then
  # writes main.d, a file of its own.
  (cd "$D" && rm -f main.c main.c.d main.d &&
   "$ASYNCC_ABS" -I"$OLDPWD/runtime" -Iinc -MMD -MP main.ac -o main.c &&
   gcc -I"$OLDPWD/runtime" -Iinc -MMD -MP -c main.c -o main.o) > "$D/md.err" 2>&1
  want=$(cd "$D" && gcc -I"$OLDPWD/runtime" -Iinc -MM -MP -MT main.c -x c main.ac)
  if [ -s "$D/md.err" ]; then bad cli/deps/MD-file "$(cat "$D/md.err")"
  elif [ "$(cat "$D/main.c.d")" != "$want" ]; then
    bad cli/deps/MD-file "$(diff <(echo "$want") "$D/main.c.d")"
  elif ! grep -q '^main.o: main.c' "$D/main.d"; then bad cli/deps/MD-file "gcc's main.d: $(cat "$D/main.d")"
  else ok cli/deps/MD-file; fi
fi
if wanted cli/deps/M-system-once; then
  # -M lists system headers, each once (stddef.h is read many times);
  # -MMD drops them, asyncc.h too when it comes from the tool's own folder.
  all=$(cd "$D" && "$ASYNCC_ABS" -Iinc -M main.ac | tr -d '\\' | tr ' ' '\n' | grep -v '^$')
  user=$(cd "$D" && "$ASYNCC_ABS" -Iinc -MM main.ac)
  if ! grep -q '/stdio.h$' <<<"$all" || ! grep -q '/stddef.h$' <<<"$all"; then
    bad cli/deps/M-system-once "no system headers in -M: $all"
  elif [ -n "$(sort <<<"$all" | uniq -d)" ]; then
    bad cli/deps/M-system-once "duplicates: $(sort <<<"$all" | uniq -d)"
  elif grep -q 'stdio\|asyncc.h' <<<"$user"; then bad cli/deps/M-system-once "-MM: $user"
  else ok cli/deps/M-system-once; fi
fi
cli deps/M-to-o 0 '^m2.o: m2.ac' sh -c "cd '$D' && cp main.ac m2.ac && '$ASYNCC_ABS' -Iinc -MM m2.ac -o deps.txt && cat deps.txt && test ! -e m2.c"
cli deps/wp-md 0 '^wp.c: main.ac inc/a.h' sh -c "cd '$D' && '$ASYNCC_ABS' -Iinc -Wp,-MMD,wp.dep main.ac -o wp.c && cat wp.dep"
cli deps/stdin 0 '^-: inc/a.h' sh -c "cd '$D' && '$ASYNCC_ABS' -Iinc -MM - < main.ac"

# --- standard input and output; the report alone -------------------------------
if wanted cli/stdio; then
  "$ASYNCC" "$HELLO" -o "$B/file.c"
  # The same C, but #line names <stdin>, as cc's messages do, and the
  # generated lines <stdout>.
  if got=$("$ASYNCC" - -o - < "$HELLO") && got2=${got//\"<stdin>\"/\"$HELLO\"} &&
     [ "${got2//\"<stdout>\"/\"$B/file.c\"}" = "$(cat "$B/file.c")" ] &&
     [ "$("$ASYNCC" - < "$HELLO")" = "$got" ]
  then ok cli/stdio; else bad cli/stdio "stdin/stdout output differs"; fi
fi
cli stdin-errors-named 1 '^<stdin>:1:1: error' sh -c "echo 'async x' | '$ASYNCC' -"
if wanted cli/explain-writes-no-file; then
  mkdir -p "$B/quiet" && cp "$HELLO" "$B/quiet/h.c"
  if out=$(cd "$B/quiet" && "$ASYNCC_ABS" --explain h.c) &&
     grep -q 'async int greet' <<<"$out" && ! grep -q '#line' <<<"$out" &&
     [ "$(ls "$B/quiet")" = h.c ]
  then ok cli/explain-writes-no-file; else bad cli/explain-writes-no-file "$out; $(ls "$B/quiet")"; fi
fi
cli explain-to-stderr 0 'async int greet' sh -c "'$ASYNCC' --explain -o - $HELLO 2>&1 >/dev/null"
cli syntax-only 0 '^clean$' sh -c "cd '$B/quiet' && '$ASYNCC_ABS' -fsyntax-only h.c && test \"\$(ls)\" = h.c && echo clean"
cli syntax-only-errors 1 'error: cannot await' sh -c \
  "printf '#include <asyncc.h>\nasync int f(void) { return await 1; }\n' | '$ASYNCC' -fsyntax-only -"

# --- the file system (issue 14) -------------------------------------------------
F=$TMP/build-fs
mkdir -p "$F"
fs_case() { wanted "cli/fs/$1"; }
old() { echo "previous output" > "$1"; }

if fs_case input-by-identity; then
  cp "$HELLO" "$F/in.c" && ln -sf in.c "$F/link-to-in.c" && ln -f "$F/in.c" "$F/hard-in.c"
  r=""
  for o in "$F/./in.c" "$F/../$(basename "$F")/in.c" "$F/link-to-in.c" "$F/hard-in.c"; do
    "$ASYNCC" "$F/in.c" -o "$o" 2>/dev/null && r="$r accepted -o $o;"
    "$ASYNCC" "$F/in.c" -MD -MF "$o" -o "$F/x.c" 2>/dev/null && r="$r accepted -MF $o;"
  done
  (cd "$F" && "$ASYNCC_ABS" in.c -o "$PWD/in.c" 2>/dev/null) && r="$r accepted \$PWD/in.c;"
  cmp -s "$HELLO" "$F/in.c" || r="$r input changed;"
  if [ -z "$r" ]; then ok cli/fs/input-by-identity; else bad cli/fs/input-by-identity "$r"; fi
fi
cli fs/output-is-depfile 1 'is named for two outputs' "$ASYNCC" -MD -MF "$F/./same.c" "$HELLO" -o "$F/same.c"
cli fs/output-directory 1 'Is a directory' "$ASYNCC" "$HELLO" -o "$F"
if fs_case symlink-kept; then
  old "$F/real.c" && ln -sf real.c "$F/sym.c"
  if "$ASYNCC" "$HELLO" -o "$F/sym.c" && [ -L "$F/sym.c" ] && grep -q '#line' "$F/real.c"
  then ok cli/fs/symlink-kept; else bad cli/fs/symlink-kept "$(ls -l "$F/sym.c" "$F/real.c")"; fi
fi
if fs_case hard-links-kept; then
  old "$F/h1.c" && ln -f "$F/h1.c" "$F/h2.c"
  if "$ASYNCC" "$HELLO" -o "$F/h1.c" && [ "$F/h1.c" -ef "$F/h2.c" ] && grep -q '#line' "$F/h2.c"
  then ok cli/fs/hard-links-kept; else bad cli/fs/hard-links-kept "$(ls -li "$F"/h?.c)"; fi
fi
if fs_case mode-kept; then
  old "$F/mode.c" && chmod 640 "$F/mode.c"
  rm -f "$F/new.c" && (umask 027 && "$ASYNCC_ABS" "$HELLO" -o "$F/new.c" 2>/dev/null)
  if "$ASYNCC" "$HELLO" -o "$F/mode.c" && [ "$(stat -c %a "$F/mode.c")" = 640 ] &&
     [ "$(stat -c %a "$F/new.c")" = 640 ]
  then ok cli/fs/mode-kept; else bad cli/fs/mode-kept "$(stat -c '%n %a' "$F/mode.c" "$F/new.c")"; fi
fi
if fs_case read-only-refused; then
  # Refused as cc refuses it, and also for root, whom rename() would let
  # replace it.
  old "$F/ro.c" && chmod 444 "$F/ro.c"
  err=$("$ASYNCC" "$HELLO" -o "$F/ro.c" 2>&1); rc=$?
  if [ $rc = 1 ] && grep -q 'Permission denied' <<<"$err" && [ "$(cat "$F/ro.c")" = "previous output" ]
  then ok cli/fs/read-only-refused; else bad cli/fs/read-only-refused "exit $rc: $err"; fi
fi
if fs_case fifo-written-into; then
  rm -f "$F/fifo" && mkfifo "$F/fifo"
  cat "$F/fifo" > "$F/from-fifo" & reader=$!
  "$ASYNCC" "$HELLO" -o "$F/fifo"; rc=$?
  wait $reader
  if [ $rc = 0 ] && [ -p "$F/fifo" ] && grep -q '#line' "$F/from-fifo"
  then ok cli/fs/fifo-written-into; else bad cli/fs/fifo-written-into "exit $rc: $(ls -l "$F/fifo")"; fi
fi
if fs_case device-written-into; then
  # A node of our own for /dev/null (root only), so that a failure cannot
  # replace the machine's /dev/null.
  if [ "$(id -u)" = 0 ] && rm -f "$F/null" && mknod "$F/null" c 1 3; then
    if "$ASYNCC" "$HELLO" -o "$F/null" && [ -c "$F/null" ] && "$ASYNCC" "$HELLO" -MD -MF "$F/null" -o "$F/dn.c" &&
       [ -c "$F/null" ]
    then ok cli/fs/device-written-into; else bad cli/fs/device-written-into "$(ls -l "$F/null")"; fi
  else
    "$ASYNCC" "$HELLO" -o /dev/null && [ -c /dev/null ] && ok cli/fs/device-written-into ||
      bad cli/fs/device-written-into "/dev/null"
  fi
fi
if fs_case both-or-neither; then
  # The dependency file cannot be written: the old output stays, no
  # temporary is left.
  old "$F/both.c"
  err=$("$ASYNCC" "$HELLO" -MD -MF "$F/no-such-dir/both.d" -o "$F/both.c" 2>&1); rc=$?
  err2=$("$ASYNCC" "$HELLO" -MD -MF "$F" -o "$F/both.c" 2>&1); rc2=$?
  # ... and the other way: the C cannot be written, no dependency file.
  "$ASYNCC" "$HELLO" -MD -MF "$F/both.d" -o "$F/no-such-dir/both.c" 2>/dev/null && rc2=0
  [ -e "$F/both.d" ] && rc2=0
  if [ $rc = 1 ] && [ $rc2 = 1 ] && [ "$(cat "$F/both.c")" = "previous output" ] &&
     [ -z "$(ls -A "$F" | grep asyncc-)" ]
  then ok cli/fs/both-or-neither; else bad cli/fs/both-or-neither "exit $rc $rc2: $err $err2 $(ls -A "$F")"; fi
fi
signal_case() {   # SIG: the run is stopped while its dependency FIFO has no
                  # reader, with the C output's temporary already written
  local sig=$1 d=$F/sig-$1 pid i
  fs_case "signal-$sig-removes-temporaries" || return 0
  mkdir -p "$d" && old "$d/out.c" && mkfifo "$d/deps"
  # A background job of a script ignores SIGINT: perl restores the default.
  perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' "$ASYNCC" "$HELLO" -MD -MF "$d/deps" -o "$d/out.c" &
  pid=$!
  for i in $(seq 100); do ls -A "$d" | grep -q asyncc- && break; sleep 0.1; done
  ls -A "$d" | grep -q asyncc- || { bad "cli/fs/signal-$sig-removes-temporaries" "no temporary seen"; kill $pid; return; }
  kill -"$sig" $pid; wait $pid 2>/dev/null
  if [ -z "$(ls -A "$d" | grep asyncc-)" ] && [ "$(cat "$d/out.c")" = "previous output" ]
  then ok "cli/fs/signal-$sig-removes-temporaries"
  else bad "cli/fs/signal-$sig-removes-temporaries" "$(ls -A "$d")"; fi
}
signal_case TERM
signal_case INT
cli fs/input-capped 1 'more than 64 MiB' "$ASYNCC" /dev/zero -o "$F/zero.c"
cli fs/stdin-capped 1 'more than 64 MiB' sh -c "'$ASYNCC' - -o '$F/zero.c' < /dev/zero"
cli fs/include-dev-zero 1 'read more than 1 GiB' timeout 60 sh -c "printf '#include <asyncc.h>\n#include \"/dev/zero\"\nasync int f(void) { return 1; }\n' | '$ASYNCC' - -o '$F/z.c'"

# File names with a newline, a tab, runs of spaces, a quote and a
# backslash: every #line of the output names them as C string literals the
# compilers read back (octal escapes), so the output compiles and a warning
# names the input; the site table keeps the name byte for byte, so the task
# dump names it too.
# A local aligned beyond 16 bytes cannot live across an await (frames are
# 16-byte aligned): its field repeats the alignment as written, so the
# frame's _Static_assert stops the C compiler, whatever form it was written
# in (libclang does not give asyncc the number).
if wanted cli/overaligned-static-assert; then
  d=$TMP/overaligned && mkdir -p "$d"
  printf '#include <asyncc.h>\nasync int f(void) {\n  __attribute__((aligned(8 * 4))) int x = 5;\n  await ac_yield();\n  return x;\n}\n' > "$d/a.c"
  if ! err=$("$ASYNCC" "$d/a.c" -o "$d/a.gen.c" 2>&1); then bad cli/overaligned-static-assert "$err"
  elif err=$(gcc -std=gnu11 -Iruntime -c "$d/a.gen.c" -o "$d/a.o" 2>&1); then
    bad cli/overaligned-static-assert "compiled: the local would be 16-byte aligned only"
  elif [[ $err != *"a local aligned to more than 16 bytes cannot live across an await in"*f* ]]; then
    bad cli/overaligned-static-assert "not the frame's assertion: $err"
  else ok cli/overaligned-static-assert; fi
fi

if wanted cli/odd-file-names; then
  d=$TMP/odd-names && mkdir -p "$d"
  in=$d/$'new\nline\t  "q" \\.c' out=$d/$'out\nput.c'
  printf '#include <asyncc.h>\n#include <stdio.h>\nstatic async int f(void) {\n  int unused;\n  await ac_delay(50);\n  return 1;\n}\nint main(void) { ac_future(int) t = f(); ac_dump_tasks(stdout); return ac_wait(t) != 1; }\n' > "$in"
  if ! err=$("$ASYNCC" "$in" -o "$out" 2>&1); then bad cli/odd-file-names "$err"
  elif ! err=$(gcc -std=gnu11 -Wall -Iruntime "$out" build/libasyncc.a -lpthread -o "$d/prog" 2>&1); then
    bad cli/odd-file-names "$err"
  # (the name holds a newline: matched as a substring, not by grep's lines)
  elif [[ $err != *"$in:4:7: warning: unused variable"* ]]; then
    bad cli/odd-file-names "warning not at the input's 4:7: $err"
  elif ! dump=$(ASYNCC_DUMP=1 "$d/prog" 2>&1) || [[ $dump != *"f at $in:5: await ac_delay(50)"* ]]; then
    bad cli/odd-file-names "the dump does not name the input: $dump"
  else ok cli/odd-file-names; fi
fi

# A report that cannot be written in full is an error, as the C's is.
for o in --explain --explain=dot --explain=json --dump-plan --dump-tree; do
  cli "report-write-error$o" 1 'cannot write the report: No space left on device' \
    sh -c "'$ASYNCC' $o tests/golden/sum_async.c > /dev/full"
done
# Two reports, or a report and a make rule, never share standard output.
cli explain-with-dump-plan 1 'cannot be combined with --dump-tree or --dump-plan' \
  "$ASYNCC" --explain=json --dump-plan tests/golden/sum_async.c
cli explain-with-MM 1 'cannot be combined with -M or -MM without -MF' \
  "$ASYNCC" --explain=json -MM tests/golden/sum_async.c
cli explain-with-MM-MF 0 '"asyncc_explain"' \
  "$ASYNCC" --explain=json -MM -MF "$TMP/explain-mm.d" tests/golden/sum_async.c
