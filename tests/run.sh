#!/usr/bin/env bash
# tests/run.sh [NAME...]: runs every test of the tree, or those whose name
# contains one of the NAMEs.  Prints "ok NAME" or "FAIL NAME" per test and
# ends with "N passed, N failed".  Expects `make test` to have built:
#   build/asan/asyncc                  the tool under ASan+UBSan
#   build/asan/tests/unit/test_*       compiler unit tests (cmocka)
#   build/{asan,tsan}/tests/runtime/test_*   runtime tests (cmocka)
# Kinds of test:
#   unit, runtime    the cmocka programs above
#   reject/NAME.c    must fail with exactly NAME.err on stderr, exit 1, and
#                    leave an existing output file and its folder untouched
#   passthrough/*.c  no async function: output byte-identical to input
#   corpus           every header under /usr/include, byte-identical
#                    (release build: thousands of runs)
#   hostile          random bytes, random tokens, a binary, NULs in a long
#                    string, deep nesting:
#                    a clean error or a copy, never a crash or a hang
set -u
cd "$(dirname "$0")/.."
ASYNCC=${ASYNCC:-build/asan/asyncc}
case ${TEST_JOBS:-1} in
  ''|0*|*[!0-9]*) echo "tests/run.sh: TEST_JOBS is how many tests run at once, a number from 1" \
                   "(unset: the number of CPUs), not '$TEST_JOBS'" >&2; exit 2 ;;
esac
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:exitcode=99}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
pass=0 fail=0
filters=("$@")

wanted() {
  [ ${#filters[@]} -eq 0 ] && return 0
  for f in "${filters[@]}"; do [[ $1 == *"$f"* ]] && return 0; done
  return 1
}
ok()   { echo "ok $1"; pass=$((pass + 1)); }
# A failure's message: its first 15 and last 25 lines (a tool's error, or
# the exception at the end of a traceback, comes last).
bad()  {
  echo "FAIL $1"
  if [ -n "${2:-}" ]; then
    if [ "$(wc -l <<<"$2")" -le 40 ]; then sed 's/^/    /' <<<"$2"
    else { head -15 <<<"$2"; echo "[...]"; tail -25 <<<"$2"; } | sed 's/^/    /'; fi
  fi
  fail=$((fail + 1))
}

run_cmocka() {   # a cmocka program: exit 0 means every case passed
  local name=$1 bin=$2 out
  wanted "$name" || return 0
  if out=$(timeout 300 "$bin" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}

# The programs are independent: they run TEST_JOBS at a time (default: the
# number of CPUs), each one's lines kept in a file and printed in order.
par() {   # function args...: "function arg" for each arg, TEST_JOBS at once
  local fn=$1 i=0 out
  shift
  mkdir -p "$TMP/par"
  for arg in "$@"; do
    while [ "$(jobs -rp | wc -l)" -ge "${TEST_JOBS:-$(nproc)}" ]; do wait -n; done
    ( "$fn" "$arg" ) > "$TMP/par/$i" 2>&1 &
    i=$((i + 1))
  done
  wait
  for ((j = 0; j < i; j++)); do
    out=$(cat "$TMP/par/$j")
    [ -n "$out" ] && echo "$out"
    pass=$((pass + $(grep -c '^ok ' <<<"$out")))
    fail=$((fail + $(grep -c '^FAIL ' <<<"$out")))
  done
  rm -rf "$TMP/par"
}

for bin in build/asan/tests/unit/test_*; do
  [ -x "$bin" ] && run_cmocka "unit/$(basename "$bin")" "$bin"
done
# The runtime's tests, under ASan and under TSan, TEST_JOBS at a time.
runtime_test() {   # build/VARIANT/tests/runtime/test_NAME
  local variant=${1#build/}
  [ -x "$1" ] && run_cmocka "runtime-${variant%%/*}/$(basename "$1")" "$1"
}
par runtime_test build/asan/tests/runtime/test_* build/tsan/tests/runtime/test_*

# --- rejections --------------------------------------------------------
for src in tests/reject/*.c; do
  [ -e "$src" ] || continue
  name=reject/$(basename "$src" .c)
  wanted "$name" || continue
  dir=$TMP/$(basename "$src" .c)
  mkdir -p "$dir"
  echo "previous output" > "$dir/out.c"
  err=$("$ASYNCC" "$src" -o "$dir/out.c" 2>&1 >/dev/null); rc=$?
  want=$(cat "${src%.c}.err")
  if [ $rc -ne 1 ]; then bad "$name" "exit status $rc, expected 1
$err"
  elif [ "$err" != "$want" ]; then bad "$name" "$(diff <(echo "$want") <(echo "$err"))"
  elif [ "$(cat "$dir/out.c")" != "previous output" ]; then bad "$name" "output file clobbered"
  elif [ "$(ls "$dir")" != "out.c" ]; then bad "$name" "left behind: $(ls "$dir")"
  else ok "$name"; fi
done

# --- end to end ------------------------------------------------------------
# tests/e2e/NAME.c is transformed, compiled with gcc (-std=c11) and clang-19
# (-std=gnu11) at -Wall -Wextra -Werror under ASan+UBSan (with -Itests/e2e
# for their shared header, suspend_each.h), run on the pool
# (default workers) and single-threaded (ASYNCC_WORKERS=0), and its
# standard output compared with NAME.out.
# -g1: the line tables a sanitizer's report needs, without the variables'
# locations, which took a quarter of each compile (gcc's var-tracking).
E2E_FLAGS="-Wall -Wextra -Werror -g1 -O1 -fno-omit-frame-pointer
  -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime -Itests/e2e"
e2e() {
  local src=$1 name=e2e/$(basename "$1" .c) dir err
  dir=$TMP/$(basename "$src" .c).e2e
  mkdir -p "$dir"
  if ! err=$("$ASYNCC" "$src" -o "$dir/gen.c" 2>&1); then bad "$name" "$err"; return; fi
  for cc in "gcc -std=c11" "clang-19 -std=gnu11"; do
    # gcc's warnings depend on its optimiser: compile at -O2 as well
    # (clang's come from its front end, the same at every level).
    if [[ $cc == gcc* ]] &&
       ! err=$($cc -Wall -Wextra -Werror -O2 -Iruntime -Itests/e2e -c "$dir/gen.c" -o "$dir/o2.o" 2>&1)
    then
      bad "$name" "$cc -O2: $err"; return
    fi
    if ! err=$($cc $E2E_FLAGS "$dir/gen.c" build/asan/libasyncc.a -lpthread -lm \
                 -o "$dir/prog" 2>&1); then
      bad "$name" "$cc: $err"; return
    fi
    for workers in "" 0; do
      err=$(ASYNCC_WORKERS=$workers timeout 60 "$dir/prog" 2>&1 > "$dir/out"); rc=$?
      if [ $rc -ne 0 ]; then   # 124: timeout's, the program ran 60 s
        bad "$name" "$cc, ASYNCC_WORKERS='$workers': exit $rc$([ $rc = 124 ] && echo ' (over 60 s)'): $err"
        return
      fi
      if ! cmp -s "$dir/out" "${src%.c}.out"; then
        bad "$name" "$cc, ASYNCC_WORKERS='$workers': $(diff "${src%.c}.out" "$dir/out" | head -20)"
        return
      fi
    done
  done
  # The frame sizes and field offsets --explain reports are the C compiler's
  # (sizeof, offsetof): the fields sit where the layout (shared bytes) says.
  "$ASYNCC" --explain "$src" -o "$dir/sizes.c" 2>/dev/null |
    awk '/^[^ ].*: async / { fn = $0; sub(/\(.*/, "", fn); n = split(fn, w, " "); name = w[n]; fr = 0
                             if (name == "main") name = "main__async" }   # the report says main
         /^  states: 0/ { name = "" }
         /^  frame: / && name != "" {
           printf "_Static_assert(sizeof(struct %s__frame) == %s, \"--explain: %s\");\n", name, $2, name
           fr = 1; next }
         fr && /^    +[0-9]+  / {
           printf "_Static_assert(__builtin_offsetof(struct %s__frame, %s) == %s, \"--explain: %s.%s\");\n",
                  name, $2, $1, name, $2 }' \
    >> "$dir/sizes.c"
  if ! err=$(gcc -std=gnu11 -Iruntime -Itests/e2e -fsyntax-only "$dir/sizes.c" 2>&1); then
    bad "$name" "frame size differs from --explain: $err"; return
  fi
  ok "$name"
}
e2e_srcs=()
for src in tests/e2e/*.c; do
  [ -e "$src" ] || continue
  wanted "e2e/$(basename "$src" .c)" && e2e_srcs+=("$src")
done
par e2e "${e2e_srcs[@]}"
# async main's result is the process's exit status.
if wanted e2e/async_main && [ -x "$TMP/async_main.e2e/prog" ]; then
  "$TMP/async_main.e2e/prog" one two > /dev/null 2>&1; rc=$?
  if [ $rc -eq 2 ]; then ok e2e/async_main-exit-status
  else bad e2e/async_main-exit-status "exit $rc, expected 2"; fi
fi

# --- documentation --------------------------------------------------------
# Every ```c block of the READMEs and docs/ (tests/doc-blocks.sh) goes through
# the tool and gcc at -Wall -Wextra -Werror; a block with a main is linked
# and run (exit 0 within 20 s).  A block without #include <asyncc.h> gets
# the usual headers first, so a short example need not repeat them.
DOC_HEADERS='#include <asyncc.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>'
doc_block() {   # name where file
  local name=docs/$1 where=$2 src=$3 err
  wanted "$name" || return 0
  if ! grep -q '#include <asyncc.h>' "$src"; then
    { echo "$DOC_HEADERS"; echo "#line ${where##*:} \"${where%:*}\""; cat "$src"; } > "$src.tmp"
    mv "$src.tmp" "$src"
  fi
  if ! err=$("$ASYNCC" "$src" -o "$src.gen.c" 2>&1); then bad "$name ($where)" "$err"; return; fi
  if grep -q '\<main *(' "$src"; then
    # A program links the page's other named blocks (<!-- file: x.c -->).
    local parts=("$src.gen.c") sib
    for sib in "$(dirname "$src")"/*.c; do
      case $sib in "$src"|*/line[0-9]*.c|*.gen.c|*.part.c) continue ;; esac
      grep -q '\<main *(' "$sib" && continue
      if ! err=$("$ASYNCC" "$sib" -o "$sib.part.c" 2>&1); then bad "$name ($where)" "$err"; return; fi
      parts+=("$sib.part.c")
    done
    if ! err=$(gcc -std=gnu11 $E2E_FLAGS "${parts[@]}" build/asan/libasyncc.a -lpthread \
                 -o "$src.prog" 2>&1) ||
       ! err=$(cd "$TMP" && timeout 20 "$src.prog" 2>&1 >/dev/null </dev/null) ||
       ! err=$(cd "$TMP" && ASYNCC_WORKERS=0 timeout 20 "$src.prog" 2>&1 >/dev/null </dev/null)
    then
      bad "$name ($where)" "$err"; return
    fi
  elif ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -Wno-unused -Iruntime -fsyntax-only \
                 "$src.gen.c" 2>&1); then
    bad "$name ($where)" "$err"; return
  fi
  ok "$name ($where)"
}
docs=$(ls README.md docs/*.md examples/*.md examples/*/README.md */README.md 2>/dev/null | sort -u)
# shellcheck disable=SC2086
while read -r name where; do
  doc_block "$name" "$where" "$TMP/docs/$name.c"
done < <(tests/doc-blocks.sh "$TMP/docs" $docs)

# The HTTP example (examples/http/), under ASan+UBSan: good, pipelined and
# malformed requests over loopback, each status line checked; on every CPU
# (a pool) and, at the same time, on one CPU (where the example runs the
# runtime single-threaded).
if wanted examples/http; then
  if ! err=$("$ASYNCC" examples/http/server.c -o "$TMP/http.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 $E2E_FLAGS "$TMP/http.c" build/asan/libasyncc.a -lpthread \
               -o "$TMP/http-server" 2>&1); then
    bad examples/http "$err"
  else
    timeout 60 taskset -c 0 examples/http/check.sh "$TMP/http-server" >"$TMP/http-one-cpu" 2>&1 &
    one_cpu=$!
    if ! err=$(timeout 60 examples/http/check.sh "$TMP/http-server" 2>&1); then
      bad examples/http "$err"
    else
      ok examples/http
    fi
    if wait $one_cpu; then
      ok "examples/http (one CPU: single-threaded)"
    else
      bad "examples/http (one CPU: single-threaded)" "$(cat "$TMP/http-one-cpu")"
    fi
  fi
fi

# The multi-file example (examples/kv/): its own Makefile and pattern rule
# build three dialect files and a plain C file under ASan+UBSan; the program
# checks every answer itself.  Touching a header rebuilds what includes it.
if wanted examples/kv; then
  rm -rf "$TMP/kv" && cp -r examples/kv "$TMP/kv"
  kvmake() { make -C "$TMP/kv" -s ASYNCC="$PWD/$ASYNCC" ASYNCC_MK="$PWD/dist/asyncc.mk" \
               CPPFLAGS="-I$PWD/runtime" \
               CFLAGS="-std=gnu11 $(echo $E2E_FLAGS)" LDLIBS="$PWD/build/asan/libasyncc.a -lpthread" "$@"; }
  if ! err=$(kvmake 2>&1) || ! err=$(cd "$TMP/kv" && timeout 60 ./kv 2>&1); then
    bad examples/kv "$err"
  elif ! grep -q '^total = 2600 over 9 keys$' <<<"$err"; then
    bad examples/kv "unexpected output: $err"
  elif ! touch "$TMP/kv/net.h" || ! rebuilt=$(kvmake --debug=b 2>&1 | grep -o "Must remake target '[a-z]*\.[co]'" | sort | tr '\n' ' ') ||
       [ "$rebuilt" != "Must remake target 'client.c' Must remake target 'client.o' Must remake target 'conn.c' Must remake target 'conn.o' Must remake target 'main.o' " ]; then
    bad examples/kv "after touching net.h, remade: $rebuilt"
  else
    ok examples/kv
  fi
fi

# --- debugging (docs/debugging.md) ---------------------------------------------
# tests/debug/tasks.c suspends tasks on a timer (three deep), a promise and
# I/O.  ac_dump_tasks names each with its await's file:line and what it
# waits for; ASYNCC_DUMP=1 dumps on SIGUSR1; the gdb extension (embedded in
# the runtime from dist/asyncc-gdb.py) runs in batch mode on it.
DBG=tests/debug/tasks.c
dbg_line() { grep -n "@$1 " "$DBG" | cut -d: -f1; }
# The dump's two lines per task joined, for grep.
dbg_join() { awk '/^  [a-z_]+ at / { l = $0; getline; print l " |" $0; next } { print }'; }
dbg_expect() {   # name text pattern...: every pattern matches a line of text
  local name=$1 text=$2 p; shift 2
  for p in "$@"; do
    grep -qE -e "$p" <<<"$text" || { bad "$name" "no line matches: $p
$text"; return 1; }
  done
  ok "$name"
}
dbg_gdb_script() {
  printf '%s\n' 'set pagination off' 'set confirm off' 'break all_suspended' 'run' \
    'info async-tasks' "break tasks.c:$(dbg_line io-after)" 'continue' \
    'printf "buf=%s\n", $async_local("buf")' 'printf "fd=%d\n", $async_local("fd")' \
    "break tasks.c:$(dbg_line leaf-after)" 'continue' 'printf "wanted=%d\n", wanted' \
    'async bt' 'async next' 'async next' 'printf "wanted=%d\n", wanted' \
    'printf "ms=%d\n", $async_local("ms")' 'async next' \
    'async finish' 'printf "got=%d\n", got' 'async next' 'async next' 'async next' 'kill'
}
if wanted debug/dump || wanted debug/dump-off || wanted debug/sigusr1 || wanted debug/gdb ||
   wanted debug/gdb-ramp; then
  dir=$TMP/debug
  mkdir -p "$dir"
  LA=$(dbg_line leaf-await) MA=$(dbg_line middle-await) TA=$(dbg_line top-await)
  PA=$(dbg_line promise-await) IA=$(dbg_line io-await)
  DUMP_LINES=(
    "^  leaf at $DBG:$LA: await ac_delay_cancel\(ms, stop\) \| +waits for a timer \(ac_delay\).*, for [0-9]+ ms; awaited by task middle$"
    "^  middle at $DBG:$MA: await leaf\(ms\) \| +waits for task leaf, for [0-9]+ ms; awaited by task top$"
    "^  top at $DBG:$TA: await middle\(ms\) \| +waits for task middle, for [0-9]+ ms; awaited by nobody yet"
    "^  on_promise at $DBG:$PA: await f \| +waits for a promise.*, for [0-9]+ ms; awaited by nobody yet"
  )
  if ! err=$("$ASYNCC" $DBG -o "$dir/gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 $E2E_FLAGS "$dir/gen.c" build/asan/libasyncc.a -lpthread \
               -o "$dir/asan" 2>&1) ||
     ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -g -O0 -Iruntime "$dir/gen.c" \
               build/libasyncc.a -lpthread -o "$dir/prog" 2>&1); then
    bad debug/build "$err"
  else
    if wanted debug/dump; then
      out=$(ASYNCC_DUMP=1 timeout 60 "$dir/asan" dump 2>&1 | dbg_join)
      dbg_expect debug/dump "$out" "^asyncc: 5 suspended tasks$" "${DUMP_LINES[@]}" \
        "waits for a timer \(ac_delay\), due in [0-9]+ ms," \
        "waits for a promise made at .*tasks.c:[0-9]+" \
        "^  on_io at $DBG:$IA: await ac_read\(fd, buf, sizeof buf - 1, NULL\) \| +waits for I/O: ac_read on fd [0-9]+, for [0-9]+ ms; awaited by nobody yet" \
        "^dump: 5$" "^top 1171 promise 7 io 1$"
    fi
    if wanted debug/dump-off; then
      out=$(timeout 60 "$dir/asan" dump 2>&1)
      dbg_expect debug/dump-off "$out" "^asyncc: no task dump: the live-task registry is off" \
        "^dump: -95$" "^top 1171 promise 7 io 1$"
    fi
    if wanted debug/sigusr1; then   # SIGUSR1 from outside, while main is in ac_wait
      rm -f "$dir/in" && mkfifo "$dir/in"
      ASYNCC_DUMP=1 timeout 60 "$dir/asan" wait < "$dir/in" > "$dir/sig.out" 2> "$dir/sig.err" &
      exec 9> "$dir/in"
      for _ in $(seq 200); do grep -q '^ready' "$dir/sig.out" && break; sleep 0.05; done
      pid=$(awk '/^ready/ { print $2 }' "$dir/sig.out")
      [ -n "$pid" ] && kill -USR1 "$pid"
      for _ in $(seq 200); do grep -q 'on_io at' "$dir/sig.err" && break; sleep 0.05; done
      echo x >&9
      exec 9>&-
      wait $!
      out="exit $? $(cat "$dir/sig.out")
$(dbg_join < "$dir/sig.err")"
      dbg_expect debug/sigusr1 "$out" "^exit 0 ready" "^asyncc: 5 suspended tasks$" \
        "${DUMP_LINES[@]}" \
        "^  on_io at $DBG:$IA: .* \| +waits for I/O: ac_read on fd 0, for [0-9]+ ms; awaited by ac_wait$"
    fi
    if wanted debug/gdb && ! command -v gdb >/dev/null; then
      echo "skip debug/gdb: gdb is not installed (.ci/deps test installs it)"
    elif wanted debug/gdb; then
      dbg_gdb_script > "$dir/script.gdb"
      out=$(ASYNCC_DUMP=1 timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
              -x "$dir/script.gdb" "$dir/prog" 2>&1 | dbg_join)
      dbg_expect debug/gdb "$out" "^5 suspended tasks$" "${DUMP_LINES[@]}" \
        "^buf=x$" "^fd=$(grep -o 'ac_read on fd [0-9]*' <<<"$out" | head -1 | grep -o '[0-9]*$')$" \
        "^wanted=60$" \
        "^#0  leaf at $DBG:$(dbg_line leaf-after) \(running" \
        "^#1  middle at $DBG:$MA, suspended at await leaf\(ms\)" \
        "^#2  top at $DBG:$TA, suspended at await middle\(ms\)" "^#3  ac_wait$" \
        "^#0  leaf__run .* at $DBG:$(dbg_line leaf-again)$" \
        "^#0  leaf__run .* at $DBG:$(dbg_line leaf-last)$" "^wanted=61$" "^ms=60000$" \
        "^#0  leaf__run .* at $DBG:$(dbg_line leaf-return)$" \
        "^#0  middle__run .* at $DBG:$(dbg_line middle-after)$" "^got=71$" \
        "^#0  middle__run .* at $DBG:$(dbg_line middle-return)$" \
        "^#0  top__run .* at $DBG:$(dbg_line top-return)$" \
        "^top completed \(task 0x[0-9a-f]+\); its result goes to ac_wait: stopped in ac__task_complete$"
      # From a ramp (no frame yet: the run function called by the ramp,
      # ac__fr NULL): over the await, into the resumed task on a worker.
      out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
              -ex "tbreak tasks.c:$MA" -ex run -ex "async next" -ex 'printf "got=%d\n", got' \
              -ex kill "$dir/prog" 2>&1)
      dbg_expect debug/gdb-ramp "$out" "breakpoint 1[.0-9]*, middle__run \(.*ac__fr=0x0, ac__state=0,.* at $DBG:$MA$" \
        "^#0  middle__run \(.*ac__state=1,.* at $DBG:$(dbg_line middle-after)$" "^got=71$"
      # In a ramp, async bt names the ramps, innermost first, and async
      # finish leaves the ramp; without a process, one line per command.
      out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
              -ex "async bt" -ex "async next" -ex 'print $async_local("ms")' \
              -ex "info async-tasks" -ex 'print $async_local()' \
              -ex "tbreak tasks.c:$(dbg_line leaf-first)" -ex run -ex "async bt" \
              -ex "async finish" -ex kill "$dir/prog" 2>&1)
      if grep -q "Python Exception" <<<"$out"; then bad debug/gdb-ramp-bt "$out"
      else
        dbg_expect debug/gdb-ramp-bt "$out" "^async bt: No frame is currently selected\.$" \
          "^async next: No frame is currently selected\.$" \
          "^\\\$async_local: No frame is currently selected\.$" \
          "^info async-tasks: the program is not running$" \
          "^\\\$async_local: takes one argument, a local's name in quotes$" \
          "^#0  leaf at $DBG:$(dbg_line leaf-first) \(running, no frame yet\)$" \
          "^#1  middle at $DBG:$MA \(running, no frame yet\)$" \
          "^#2  top at $DBG:$TA \(running, no frame yet\)$" "^#3  called from main " \
          "^leaf is in its ramp \(running, no frame yet\): finishing to its caller$" \
          "in middle__run \(.* at $DBG:$MA$"
      fi
    fi
  fi
fi

# A future consumed twice: the report names the await by its site, the
# user's file:line (-O0 and -O2: at -O0 the suspension is a helper in
# asyncc.h, whose return address named asyncc.h).  An async main under
# gdb: `async finish` from the task it awaits lands in main__async__run.
for opt in -O0 -O2; do
  name=debug/consumed-twice-names-the-await$opt src=tests/debug/consumed_twice.c
  wanted "$name" || continue
  dir=$TMP/consumed$opt && mkdir -p "$dir"
  line=$(grep -n "@second-await" $src | cut -d: -f1)
  if ! err=$("$ASYNCC" $src -o "$dir/gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -g $opt -Iruntime "$dir/gen.c" \
               build/libasyncc.a -lpthread -o "$dir/prog" 2>&1); then bad "$name" "$err"
  else
    out=$(timeout 60 "$dir/prog" 2>&1)
    if grep -qE "the await is at $src:$line \(await g, in main\)" <<<"$out"; then ok "$name"
    else bad "$name" "$out"; fi
  fi
done
# gdb on tests/debug/combined.c: info async-tasks names what the runtime's
# own tasks are for by the user's calls (ac_when_all, ac_when_any,
# ac_timeout, a mutex), never by their internals (all_link_resume, a null
# resume function); in the ramp of a function whose frame is allocated on
# entry, async bt keeps its caller, async finish returns to it and so does
# async next when the function completes without suspending (and in the
# ramp of one whose frame comes when it suspends, doubled); async locals
# and $async_local read that frame (n differs from the parameter's copy),
# and the first stop there says so.
# debug_prog DIR SRC...: the sources through the tool (DIR/NAME.gen.c) and
# gcc -g -O0 into DIR/prog, for gdb; prints the first error and fails.
debug_prog() {
  local dir=$1 gens=() src err
  shift
  for src in "$@"; do
    gens+=("$dir/$(basename "$src" .c).gen.c")
    err=$("$ASYNCC" "$src" -o "${gens[-1]}" 2>&1) || { echo "$err"; return 1; }
  done
  gcc -std=gnu11 -Wall -Wextra -Werror -g -O0 -Iruntime "${gens[@]}" build/libasyncc.a \
    -lpthread -o "$dir/prog" 2>&1
}
if wanted debug/gdb-combined && command -v gdb >/dev/null; then
  dir=$TMP/gdb-combined src=tests/debug/combined.c && mkdir -p "$dir"
  cl() { grep -n "@$1 " $src | cut -d: -f1; }
  if ! err=$(debug_prog "$dir" $src); then bad debug/gdb-combined "$err"
  else
    out=$(ASYNCC_DUMP=1 timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
            -ex "break all_suspended" -ex run -ex "info async-tasks" -ex kill "$dir/prog" 2>&1 |
          dbg_join)
    if grep -qE "_resume|\(0x|runtime task" <<<"$out"; then
      bad debug/gdb-combined "runtime internals shown: $out"
    else
      dbg_expect debug/gdb-combined "$out" "^12 suspended tasks$" \
        "^  sleeper at $src:$(cl sleeper-await): .* awaited by ac_when_all, awaited by task all$" \
        "^  sleeper at $src:$(cl sleeper-await): .* awaited by ac_when_any, awaited by task any$" \
        "^  sleeper at $src:$(cl sleeper-await): .* awaited by ac_timeout, awaited by task bounded$" \
        "^  all at $src:$(cl all-await): await ac_when_all\(fs, 2\) \| +waits for ac_when_all \(2 inputs pending\), for [0-9]+ ms; awaited by nobody yet" \
        "^  any at $src:$(cl any-await): await ac_when_any\(fs, 2\) \| +waits for ac_when_any, " \
        "^  bounded at $src:$(cl timeout-await): .* \| +waits for ac_timeout, " \
        "^  locker at $src:$(cl lock-await): .* \| +waits for a mutex or semaphore \(ac_lock, ac_sem_acquire\), "
    fi
    out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
            -ex "tbreak combined.c:$(cl kept-first)" -ex run -ex "async bt" -ex "async locals" \
            -ex 'printf "n=%d\n", $async_local("n")' -ex "async finish" \
            -ex "break combined.c:$(cl kept-after)" -ex continue -ex "async bt" -ex "async locals" \
            -ex "break combined.c:$(cl instant-return)" -ex continue -ex "async next" \
            -ex "tbreak combined.c:$(cl doubled-first)" -ex continue -ex "async next" \
            -ex "async next" -ex kill "$dir/prog" 2>&1)
    dbg_expect debug/gdb-entry-frame "$out" \
      "^asyncc: kept's frame is allocated on entry \(an address is taken\): its locals .*n.* live only there" \
      "^#0  kept at $src:$(cl kept-first) \(running, frame 0x[0-9a-f]+ allocated on entry\)$" \
      "^#1  outer at $src:$(cl outer-await) \(running, no frame yet\)$" "^#2  called from main " \
      "^n = 60001   \(in the frame" "^p = 0x[0-9a-f]+   \(in the frame" "^n=60001$" \
      "^kept is in its ramp \(running, frame 0x[0-9a-f]+ allocated on entry\): finishing to its caller$" \
      "in outer__run \(.* at $src:$(cl outer-await)$" \
      "^#0  kept at $src:$(cl kept-after) \(running, frame 0x[0-9a-f]+\)$" \
      "^#1  outer at $src:$(cl outer-await), suspended at await kept\(60000\)" \
      "^twice = 120002   \(in the frame" "^got = -125$" \
      "^instant completed in its ramp, without suspending: finishing to its caller, which has the result$" \
      "in outer__run \(.* at $src:$(cl outer-instant)$" \
      "^#0  doubled__run \(.*ac__fr=0x0, ac__state=0.* at $src:$(cl doubled-return)$" \
      "^doubled completed in its ramp, without suspending: back in its caller, which has the result: 10$" \
      "in outer__run \(.* at $src:$(cl outer-doubled)$"
  fi
fi
# gdb on tests/debug/chains.c: async finish stops in a loop's next
# iteration (the line before the await) and goes on through `return
# await` to the task that continues; in recursive ramps async bt lists
# each level, async next stays in its own stack frame (the resumed task of
# fact(5), not the call fact(4)) and, from a ramp that completes, stops in
# the caller with the result; from a ramp whose task completes before the
# ramp returns (in place, or on a worker), it stops at the completion and
# says so: never runs to the end.
# $async_local and async locals say a resumed task's dead parameter is not
# live (the run function's copy is a placeholder, 0).  async bt in a task
# resumed in place (its await found the child completed, in the ramp's
# call) goes on below its ramp, which has not returned its future yet; in
# a task whose future is held, it says so (a resume function below is no
# ramp); async next from a ramp whose task a worker resumes before the
# ramp returns stops at the task's next line (it ran on); async finish
# from a task resumed in place stops where its ramp returns it (it said
# its future was held); async next from F's entry (break F) stops at the
# ramp's first line (it ran the ramp and said "without suspending").
if wanted debug/gdb-chains && command -v gdb >/dev/null; then
  dir=$TMP/gdb-chains src=tests/debug/chains.c && mkdir -p "$dir"
  cl() { grep -n "@$1 " $src | cut -d: -f1; }
  gdbc() { timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" "$@" -ex kill "$dir/prog" 2>&1; }
  if ! err=$(debug_prog "$dir" $src); then bad debug/gdb-chains "$err"
  else
    out=$(gdbc -ex "break chains.c:$(cl leaf-return) if n == 0" -ex run -ex delete \
            -ex "async finish" -ex 'printf "s=%d\n", $async_local("s")')
    out+=$'\n'$(gdbc -ex "break chains.c:$(cl leaf-return) if n == 6" -ex run -ex delete \
                   -ex "async finish")
    dbg_expect debug/gdb-chains-finish "$out" \
      "^#0  looped__run \(.* at $src:$(cl loop-head)$" "^s=1$" \
      "^#0  top__run \(.* at $src:$(cl top-after)$"
    out=$(gdbc -ex "break chains.c:$(cl fact-first) if n == 2" -ex run -ex "async bt" -ex delete \
            -ex "break chains.c:$(cl fact-base)" -ex continue -ex delete -ex "async next" \
            -ex 'printf "n=%d\n", n' -ex "async next" -ex 'printf "n=%d\n", $async_local("n")')
    dbg_expect debug/gdb-chains-recursion "$out" \
      "^#0  fact at $src:$(cl fact-first) \(running, no frame yet\)$" \
      "^#1  fact at $src:$(cl fact-await) \(running, no frame yet\)$" \
      "^#3  fact at $src:$(cl fact-await) \(running, no frame yet\)$" "^#4  called from main " \
      "^fact completed in its ramp, without suspending: back in its caller, which has the result: 1$" \
      "^n=2$" "^#0  fact__run \(ac__fr=0x0, ac__state=0, n=2\) at $src:$(cl fact-after)$" "^n=2$"
    out=$(gdbc -ex "break chains.c:$(cl scaled-after)" -ex run -ex 'print $async_local("x")' \
            -ex 'print $async_local("factor")' -ex "async locals")
    dbg_expect debug/gdb-chains-dead-parameter "$out" "^\\\$1 = 12$" \
      "^\\\$async_local: factor is not live here: scaled's frame does not keep it \\(a parameter not used after an await" \
      "^factor: factor is not live here" "^n: n is not live here" "^x = 12$"
    out=$(gdbc -ex "break chains.c:$(cl two-between)" -ex run -ex "async bt" -ex delete \
            -ex "break chains.c:$(cl raced-await)" -ex continue -ex delete -ex "async next")
    dbg_expect debug/gdb-chains-held-and-raced "$out" \
      "^#0  two_awaits at $src:$(cl two-between) \(running, frame 0x[0-9a-f]+\)$" \
      "^#1  nobody yet \(its future is held\)$" \
      "^#0  raced__run \(.*ac__state=1.* at $src:$(cl raced-next)$"
    out=$(gdbc -ex "break chains.c:$(cl in-place-after)" -ex run -ex "async bt" -ex delete \
            -ex "break chains.c:$(cl once-after)" -ex continue -ex delete -ex "async finish")
    dbg_expect debug/gdb-chains-resumed-in-place "$out" \
      "^#0  in_place at $src:$(cl in-place-after) \(running, frame 0x[0-9a-f]+\)$" \
      "^    resumed in place, on its ramp's stack: the ramp has not returned its future yet, to:$" \
      "^#1  called from main \(not an async task\)$" \
      "^in_place_once completed in place, in its ramp's call: back in its caller, which has the result$" \
      "in main \(\) at $src:"
    # From the function's own entry (F, before it calls F__run): its first
    # line, also where that is its header's (a one-line function, which ran
    # to the end).
    out=$(gdbc -ex "break raced" -ex run -ex "async next" -ex delete -ex "break forward" \
            -ex continue -ex "async next")
    dbg_expect debug/gdb-chains-from-entry "$out" \
      "^#0  raced__run \(.*ac__state=0.* at $src:$(cl raced-first)$" \
      "^#0  forward__run \(.*ac__state=0.* at $src:$(cl forward)$"
    # A user's breakpoint where async next stops: shown once, by gdb (a
    # temporary one was shown twice); one it passes over (ignore count):
    # shown by async next (it was not shown at all).
    out=$(gdbc -ex "break chains.c:$(cl two-between)" -ex run \
            -ex "tbreak chains.c:$(cl two-second)" -ex "async next" -ex "delete" \
            -ex "break chains.c:$(cl two-return)" -ex "ignore 3 1000" -ex "async next")
    if [ "$(grep -c "^#0 " <<<"$out")" != 1 ]; then bad debug/gdb-chains-user-breakpoints "$out"
    else
      dbg_expect debug/gdb-chains-user-breakpoints "$out" \
        "^Thread .* hit Temporary breakpoint 2, two_awaits__run .* at $src:$(cl two-second)$" \
        "^#0  two_awaits__run \(.*ac__state=2.* at $src:$(cl two-return)$"
    fi
    out=$(gdbc -ex "break chains.c:$(cl quick-await)" -ex run -ex delete -ex "async next" \
            -ex 'printf "after\n"')
    if grep -q "exited normally" <<<"$out"; then bad debug/gdb-chains-completed-meanwhile "$out"
    else
      dbg_expect debug/gdb-chains-completed-meanwhile "$out" \
        "^quick (completed in place, in its ramp's call: back in its caller, which has the result$|completed \(task 0x[0-9a-f]+\); its result goes to (ac_wait|nobody yet))" \
        "^after$"
    fi
  fi
fi
# Two files with a static async function of the same name: async finish
# from the task they await finds the awaiter's body in the awaiter's own
# file (it took the other file's and ran to the end).
if wanted debug/gdb-static-twins && command -v gdb >/dev/null; then
  dir=$TMP/gdb-twins && mkdir -p "$dir"
  ta=tests/debug/static_twin_a.c tb=tests/debug/static_twin_b.c
  if ! err=$(debug_prog "$dir" $ta $tb); then bad debug/gdb-static-twins "$err"
  else
    out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
            -ex "break static_twin_b.c:$(grep -n "@leafx-return" $tb | cut -d: -f1)" -ex run \
            -ex "async finish" -ex kill "$dir/prog" 2>&1)
    dbg_expect debug/gdb-static-twins "$out" \
      "^#0  helper__run \(.* at $ta:$(grep -n "@a-after" $ta | cut -d: -f1)$"
  fi
fi
if wanted debug/gdb-async-main && command -v gdb >/dev/null; then
  dir=$TMP/gdb-main src=tests/debug/async_main.c && mkdir -p "$dir"
  if ! err=$(debug_prog "$dir" $src); then bad debug/gdb-async-main "$err"
  else
    out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
            -ex "break async_main.c:$(grep -n "@child-after" $src | cut -d: -f1)" -ex run \
            -ex "async finish" -ex 'printf "v=%d\n", v' -ex kill "$dir/prog" 2>&1)
    dbg_expect debug/gdb-async-main "$out" \
      "main__async__run .* at $src:$(grep -n "@main-after" $src | cut -d: -f1)$" "^v=2$"
    # In main's ramp: a breakpoint there has one location (the plain main
    # that runs it is the output's own code, not mapped to its lines), async
    # bt ends at that main, and async next follows the task over the await.
    ma=$(grep -n "@main-await" $src | cut -d: -f1)
    out=$(timeout 120 gdb -nx -batch -iex "add-auto-load-safe-path $dir" \
            -ex "break async_main.c:$ma" -ex run -ex "async bt" -ex "async next" -ex kill \
            "$dir/prog" 2>&1)
    if grep -q "locations" <<<"$out"; then bad debug/gdb-async-main-ramp "$out"
    else
      dbg_expect debug/gdb-async-main-ramp "$out" "^Breakpoint 1 at 0x[0-9a-f]+: file .*, line $ma\.$" \
        "^#0  main at $src:$ma \(running, no frame yet\)$" "^#1  called from main \(not an async task\)$" \
        "^#0  main__async__run \(.*ac__state=1.* at $src:$(grep -n "@main-after" $src | cut -d: -f1)$"
    fi
  fi
fi

# Generated code between threads, under ThreadSanitizer: the e2e programs
# where tasks move between workers, are completed from other threads or
# box into their caller's frame (gcc; the runtime's TSan build).
TSAN_E2E="coop_budget embedded_frames many_tasks_yielding promise_foreign_thread when_any_race
  when_all_many deep_recursion_suspending io_socketpair_pingpong ac_run_tasks
  recursive_merge_sort ramp_locals sync_pipeline"
for t in $TSAN_E2E; do
  wanted "tsan-e2e/$t" || continue
  dir=$TMP/$t.tsan
  mkdir -p "$dir"
  if ! err=$("$ASYNCC" "tests/e2e/$t.c" -o "$dir/gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -g -O1 -fsanitize=thread -Iruntime -Itests/e2e "$dir/gen.c" \
               build/tsan/libasyncc.a -lpthread -lm -o "$dir/prog" 2>&1) ||
     ! err=$(timeout 120 "$dir/prog" 2>&1 > "$dir/out"); then
    bad "tsan-e2e/$t" "$err"
  elif ! cmp -s "$dir/out" "tests/e2e/$t.out"; then
    bad "tsan-e2e/$t" "$(diff "tests/e2e/$t.out" "$dir/out" | head -20)"
  else
    ok "tsan-e2e/$t"
  fi
done

# --- random programs ----------------------------------------------------------
# tests/random/diff.sh: 300 random units (gen.c -z, seeds 1..300, the same
# every run) lowered by the tool, compiled under ASan+UBSan (clang-19 -O0,
# gcc -O0, clang-19 -O2 in turn), run single-threaded and on the pool, and
# compared with their synchronous meaning; two streams at a time.  Longer
# campaigns: make fuzz-diff SECONDS=N.
if wanted random/diff; then
  for part in 1 151; do
    CONFIGS="clang-19 -O0;gcc -O0;clang-19 -O2" GEN=build/random/gen ASYNCC=$ASYNCC \
      tests/random/diff.sh -z -n 6 -u 25 -f $part -k build/random/test-fail > "$TMP/random.$part" 2>&1 &
  done
  wait
  if grep -q '^FAIL' "$TMP"/random.*; then
    bad "random/diff (seeds 1..300)" "$(cat "$TMP"/random.* | head -30)
(programs kept in build/random/test-fail; reproduce: tests/random/diff.sh -z -u 25 -n 1 -f SEED)"
  elif ! grep -q '6 programs, 150 units' "$TMP/random.1" "$TMP/random.151"; then
    bad "random/diff (seeds 1..300)" "$(cat "$TMP"/random.*)"
  else
    ok "random/diff (300 units, $(awk '{ r += $8 } END { print r }' "$TMP"/random.*) runs compared)"
  fi
fi

# --- what the lowering decided ----------------------------------------------
# tests/explain/NAME.txt is the --explain report of tests/e2e/NAME.c: what
# is hoisted, what is not, what is spilled, the frame's layout.
# tests/golden/NAME.c must lower to exactly NAME.gen.c, the same bytes on
# every run (generated lines name the output file in their #line
# directives: written as tests/golden/NAME.gen.c here).
for want in tests/explain/*.txt; do
  [ -e "$want" ] || continue
  name=explain/$(basename "$want" .txt)
  wanted "$name" || continue
  src=tests/e2e/$(basename "$want" .txt).c
  if ! got=$("$ASYNCC" --explain "$src" -o "$TMP/explain.c" 2>"$TMP/explain.err"); then
    bad "$name" "$(cat "$TMP/explain.err")"
  elif [ "$got" != "$(cat "$want")" ]; then bad "$name" "$(diff "$want" <(echo "$got"))"
  else ok "$name"; fi
done
# tests/explain/NAME.dot and NAME.json are its --explain=dot and
# --explain=json reports: the JSON must parse, and dot (Graphviz, when
# installed) must draw the graph.  docs/img/*.svg, the pictures of
# docs/lowering.md, must be drawn from what this compiler says (make docs).
for want in tests/explain/*.dot tests/explain/*.json; do
  [ -e "$want" ] || continue
  fmt=${want##*.}
  name=explain/$(basename "$want")
  wanted "$name" || continue
  src=tests/e2e/$(basename "$want" ".$fmt").c
  if ! "$ASYNCC" --explain="$fmt" "$src" -o "$TMP/explain.c" >"$TMP/explain.$fmt" 2>"$TMP/explain.err"; then
    bad "$name" "$(cat "$TMP/explain.err")"
  elif ! cmp -s "$want" "$TMP/explain.$fmt"; then bad "$name" "$(diff "$want" "$TMP/explain.$fmt")"
  elif [ "$fmt" = json ] && ! err=$(python3 -m json.tool "$TMP/explain.json" 2>&1 >/dev/null); then
    bad "$name" "not JSON: $err"
  elif [ "$fmt" = dot ] && command -v dot >/dev/null &&
       ! err=$(dot -Tsvg "$TMP/explain.dot" 2>&1 >/dev/null); then
    bad "$name" "dot cannot draw it: $err"
  else ok "$name"; fi
done
if wanted docs/img; then
  if err=$(docs/img/render.sh --check "$ASYNCC"); then ok "docs/img (pictures up to date)"
  else bad "docs/img" "$err"; fi
fi
for src in tests/golden/*.c; do
  [[ -e "$src" && $src != *.gen.c ]] || continue
  name=golden/$(basename "$src" .c)
  wanted "$name" || continue
  if ! err=$("$ASYNCC" "$src" -o "$TMP/golden.c" 2>&1); then bad "$name" "$err"
  elif ! sed -i "s|\"$TMP/golden.c\"|\"${src%.c}.gen.c\"|" "$TMP/golden.c" ||
       ! cmp -s "$TMP/golden.c" "${src%.c}.gen.c"; then
    bad "$name" "$(diff "${src%.c}.gen.c" "$TMP/golden.c" | head -30)"
  elif ! "$ASYNCC" "$src" -o "$TMP/golden2.c" 2>/dev/null ||
       ! sed -i "s|\"$TMP/golden2.c\"|\"${src%.c}.gen.c\"|" "$TMP/golden2.c" ||
       ! cmp -s "$TMP/golden.c" "$TMP/golden2.c"; then
    bad "$name" "two runs gave different bytes"
  else ok "$name"; fi
done
# tests/plan/NAME.txt is the --dump-plan of tests/plan/NAME.c: the awaits
# in the order they run, the temporaries and which are spilled, the awaits
# each hoisted local lives across.
for src in tests/plan/*.c; do
  [ -e "$src" ] || continue
  name=plan/$(basename "$src" .c)
  wanted "$name" || continue
  if ! got=$("$ASYNCC" --dump-plan "$src" 2>"$TMP/plan.err"); then
    bad "$name" "$(cat "$TMP/plan.err")"
  elif [ "$got" != "$(cat "${src%.c}.txt")" ]; then bad "$name" "$(diff "${src%.c}.txt" <(echo "$got"))"
  else ok "$name"; fi
done

# --- line mapping -----------------------------------------------------------
# The generated C as a person would lay it out, and #line exact
# (docs/lowering.md, "Line mapping"):
#   mapping/width     no line of any e2e program's output is over 100 columns,
#                     except one holding the user's code, which may be as long
#                     as its source line plus 60 (tests/mapping/line_width.awk)
#   mapping/cc-*      tests/mapping/cc_warnings.c: each warning of the C
#                     compiler once, at the user's line:column (gcc, clang)
#   mapping/gdb       tests/mapping/gdb_lines.c under gdb: a breakpoint on
#                     each line marked BREAK stops in the function it names,
#                     at that line, and nowhere else
if wanted mapping/width; then
  out=""
  for src in tests/e2e/*.c; do
    gen=$TMP/$(basename "$src" .c).e2e/gen.c   # the e2e run's output, if it ran
    if [ ! -s "$gen" ]; then
      gen=$TMP/width-$(basename "$src")
      if ! err=$("$ASYNCC" "$src" -o "$gen" 2>&1); then out+="$src: $err"$'\n'; continue; fi
    fi
    out+=$(awk -v src="$src" -v out="$gen" -f tests/mapping/line_width.awk "$src" "$gen")
  done
  if [ -n "$out" ]; then bad mapping/width "$out"; else ok mapping/width; fi
fi
for cc in gcc clang-19; do
  wanted "mapping/cc-$cc" || continue
  src=tests/mapping/cc_warnings.c
  if ! err=$("$ASYNCC" "$src" -o "$TMP/ccw.c" 2>&1); then bad "mapping/cc-$cc" "$err"; continue; fi
  got=$($cc -std=gnu11 -Wall -Wextra -Iruntime -fsyntax-only "$TMP/ccw.c" 2>&1 |
        sed -n 's/^\([^ :]*:[0-9]*:[0-9]*\): warning: .*\[\(-W[^]]*\)\]$/\1: \2/p' | LC_ALL=C sort)
  if [ "$got" != "$(cat tests/mapping/cc_warnings.warn)" ]; then
    bad "mapping/cc-$cc" "$(diff tests/mapping/cc_warnings.warn <(echo "$got"))"
  else ok "mapping/cc-$cc"; fi
done
if wanted mapping/gdb; then
  src=tests/mapping/gdb_lines.c
  breaks=() want=()
  while IFS=: read -r line text; do
    fn=${text##*BREAK }; fn=${fn%% *}
    breaks+=(-ex "break gdb_lines.c:$line")
    want+=("$fn $src:$line")
  done < <(grep -n '/\* BREAK [a-z_]* \*/' "$src")
  if ! err=$("$ASYNCC" "$src" -o "$TMP/gdb.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -g -O0 -Iruntime "$TMP/gdb.c" build/libasyncc.a -lpthread -lm \
               -o "$TMP/gdb" 2>&1); then
    bad mapping/gdb "$err"
  else
    hits=$(ASYNCC_WORKERS=0 timeout 120 gdb -batch -nx "${breaks[@]}" \
             -ex "source tests/mapping/gdb_hits.py" "$TMP/gdb" 2>&1 | sed -n 's/^HIT //p')
    out=""
    while read -r hit; do   # every stop is at a BREAK line, in the function it names
      printf '%s\n' "${want[@]}" | grep -qxF "$hit" || out+="stopped at $hit"$'\n'
    done <<<"$hits"
    for w in "${want[@]}"; do   # every BREAK line is reached
      grep -qxF "$w" <<<"$hits" || out+="never stopped as $w"$'\n'
    done
    if [ -z "$hits" ] || [ -n "$out" ]; then bad mapping/gdb "${out:-no breakpoint hit}"
    else ok mapping/gdb; fi
  fi
fi

# --- warnings ---------------------------------------------------------------
# tests/warn/NAME.c must be transformed (exit 0) with exactly NAME.err on
# standard error.
for src in tests/warn/*.c; do
  [ -e "$src" ] || continue
  name=warn/$(basename "$src" .c)
  wanted "$name" || continue
  if ! err=$("$ASYNCC" "$src" -o "$TMP/warn.c" 2>&1 >/dev/null); then bad "$name" "$err"
  elif [ "$err" != "$(cat "${src%.c}.err")" ]; then bad "$name" "$(diff "${src%.c}.err" <(echo "$err"))"
  else ok "$name"; fi
done

# --- the command line ---------------------------------------------------------
cli() {   # name expected-status pattern command...: stdout+stderr must match
  local name=cli/$1 want=$2 pattern=$3 out rc
  shift 3
  wanted "$name" || return 0
  out=$("$@" 2>&1); rc=$?
  if [ $rc -ne "$want" ]; then bad "$name" "exit $rc, expected $want: $out"
  elif ! grep -q -e "$pattern" <<<"$out"; then bad "$name" "no '$pattern' in: $out"
  else ok "$name"; fi
}
cli help 0 '^usage: asyncc' "$ASYNCC" --help
cli version 0 '^asyncc [0-9]' "$ASYNCC" --version
cli unknown-option 1 "unknown option '--frobnicate'" "$ASYNCC" --frobnicate x.c
cli no-input 1 'no input file' "$ASYNCC"
cli missing-input 1 'cannot open nope.c' "$ASYNCC" nope.c -o "$TMP/x.c"
cli same-output 1 'is the input' "$ASYNCC" examples/hello.c -o examples/hello.c
cli bad-frame-limit 1 'expected a number of bytes' "$ASYNCC" -Wframe-larger-than=x examples/hello.c
cli depfile 0 'asyncc.h' sh -c "'$ASYNCC' -MD -MP examples/hello.c -o '$TMP/dep.c' && cat '$TMP/dep.c.d'"
cli warnings-off 0 '^$' sh -c "'$ASYNCC' -w tests/warn/blocking_calls.c -o '$TMP/w.c'"
# A plain function's body is hollowed in libclang's view (compiler/hollow.c):
# its C error is not asyncc's to report but the C compiler's, at the
# dialect file's line.
printf '%s\n' '#include <asyncc.h>' 'static async int one(void) { return 1; }' \
  'int plain(void) {' '  return undeclared_name;' '}' > "$TMP/plain_error.c"
cli plain-body-error-left-to-cc 1 'plain_error.c:4:10: error: .\{1,3\}undeclared_name.\{1,3\} undeclared' \
  sh -c "'$ASYNCC' '$TMP/plain_error.c' -o '$TMP/plain_error.gen.c' &&
         gcc -std=gnu11 -fsyntax-only -Iruntime '$TMP/plain_error.gen.c'"
# README.md: the generated code's own GNU extensions pass -pedantic (gcc;
# clang with -Wno-gnu-auto-type).
for src in examples/hello.c tests/e2e/embedded_frames.c tests/golden/shapes.c; do
  cli "pedantic-$(basename "$src" .c)" 0 '^ok$' sh -c "'$ASYNCC' $src -o '$TMP/ped.c' &&
    gcc -std=c11 -pedantic -Wall -Wextra -Werror -Iruntime -Itests/e2e -fsyntax-only '$TMP/ped.c' &&
    clang-19 -std=c11 -pedantic -Wno-gnu-auto-type -Wall -Wextra -Werror -Iruntime -Itests/e2e \
      -fsyntax-only '$TMP/ped.c' && echo ok"
done
cli embeds 0 'ac__callee' "$ASYNCC" --explain tests/e2e/embedded_frames.c -o "$TMP/e.c"
cli explain-bad-format 1 "unknown --explain format 'xml'" "$ASYNCC" --explain=xml examples/hello.c
cli explain-text-default 0 '^same$' sh -c "'$ASYNCC' --explain examples/hello.c > '$TMP/x1' &&
  '$ASYNCC' --explain=text examples/hello.c > '$TMP/x2' && cmp '$TMP/x1' '$TMP/x2' && echo same"
cli explain-json-no-async 0 '^functions 0$' sh -c "'$ASYNCC' --explain=json \
  tests/passthrough/layout_kept.c | python3 -c 'import json, sys
print(\"functions\", len(json.load(sys.stdin)[\"functions\"]))'"
cli explain-dot-to-stderr 0 '^digraph asyncc' sh -c "'$ASYNCC' --explain=dot -o - examples/hello.c 2>&1 >/dev/null"
cli no-embed 0 '^no ac__callee$' sh -c "'$ASYNCC' --no-embed --explain tests/e2e/embedded_frames.c \
  -o '$TMP/e.c' 2>/dev/null | grep -q ac__callee || echo no ac__callee"

# The command line as a C compiler's, dependency files as gcc's, the file
# system (tests/tool/cli.sh); make install and the build systems
# (tests/tool/install.sh).
. tests/tool/cli.sh
. tests/tool/install.sh

# --- pass-through --------------------------------------------------------
passthrough() {   # name file [cflags]: the output equals the input and compiles
  local name=$1 file=$2 cflags=${3:-} err
  if ! err=$("$ASYNCC" $cflags "$file" -o "$TMP/pt.c" 2>&1); then bad "$name" "$err"
  elif ! cmp -s "$file" "$TMP/pt.c"; then bad "$name" "output differs from input"
  elif ! err=$(gcc -std=gnu11 -fsyntax-only $cflags -x c "$TMP/pt.c" 2>&1); then
    bad "$name" "output does not compile: $err"
  else ok "$name"; fi
}
for src in tests/passthrough/*.c; do
  [ -e "$src" ] || continue
  wanted "passthrough/$(basename "$src" .c)" && passthrough "passthrough/$(basename "$src" .c)" "$src"
done

# Large real C files from Debian packages (.ci/deps installs them).
if wanted corpus/duktape && [ -f /usr/share/duktape/duktape.c ]; then
  passthrough "corpus/duktape.c ($(wc -l < /usr/share/duktape/duktape.c) lines)" \
    /usr/share/duktape/duktape.c -I/usr/share/duktape
fi
if wanted corpus/stb && [ -d /usr/include/stb ]; then
  # Every stb library with its implementation, concatenated into one file.
  { for h in image image_write truetype rect_pack vorbis ds sprintf; do
      echo "#define STB_${h^^}_IMPLEMENTATION"; done
    echo "#define STB_TRUETYPE_IMPLEMENTATION"
    for h in stb_image stb_image_write stb_rect_pack stb_truetype stb_ds stb_sprintf; do
      cat "/usr/include/stb/$h.h"; done; } > "$TMP/stb-all.c"
  passthrough "corpus/stb-all ($(wc -l < "$TMP/stb-all.c") lines)" "$TMP/stb-all.c"
fi

if wanted corpus; then
  # Every header under /usr/include, one tool run each, TEST_JOBS at a time.  The
  # release build runs these (about 7000 runs); the pass-through code they
  # exercise runs under ASan in the tests above.
  find /usr/include -name '*.h' -type f | sort > "$TMP/corpus"
  n=$(wc -l < "$TMP/corpus")
  bytes=$(xargs -a "$TMP/corpus" cat | wc -c)
  if xargs -a "$TMP/corpus" -P "${TEST_JOBS:-$(nproc)}" -n 200 tests/passthrough-files.sh build/asyncc > "$TMP/corpus.out" 2>&1; then
    ok "corpus/usr-include ($n files, $bytes bytes)"
  else
    bad "corpus/usr-include" "$(head -20 "$TMP/corpus.out")"
  fi
fi

# --- hostile input -------------------------------------------------------
hostile() {   # name file: exit 0 or 1 within the time limit, nothing else
  local name=$1 file=$2 err rc
  wanted "$name" || return 0
  err=$(timeout 120 "$ASYNCC" "$file" -o "$TMP/h.out" 2>&1 >/dev/null); rc=$?
  if [ $rc -le 1 ] && ! grep -q -e 'Sanitizer' -e 'runtime error' -e 'internal error' <<<"$err"
  then ok "$name"; else bad "$name" "exit $rc: $(head -c 2000 <<<"$err")"; fi
}
perl -e 'srand(7); print map { chr(int(rand(256))) } 1..1000000' > "$TMP/random-bytes.c"
hostile hostile/random-bytes "$TMP/random-bytes.c"
perl -e 'srand(11); @t = ("async", "await", "int", "x", "(", ")", "{", "}", ";", "*",
  "\"s\"", "/*c*/", "#if 0\n", "#endif\n", "\n", "return", "f", "=", "1", ",");
  print map { $t[int(rand(@t))] . " " } 1..300000' > "$TMP/random-tokens.c"
hostile hostile/random-tokens "$TMP/random-tokens.c"
cp "$ASYNCC" "$TMP/binary.c"
hostile hostile/binary "$TMP/binary.c"
# NUL bytes inside one long match (flex rescans a match at each NUL: was
# quadratic, minutes for this file)
{ printf '/*'; head -c 2000000 /dev/zero; printf '*/\n"'; head -c 200000 /dev/zero; } > "$TMP/nul-runs.c"
hostile hostile/nul-runs "$TMP/nul-runs.c"
# NUL bytes inside one long token: flex rescanned the token at each (20,000
# took 3 s, this one minutes).
perl -e 'print "\"", "\0a" x 200000, "\"\n"' > "$TMP/nul-string.c"
hostile hostile/nul-in-long-string "$TMP/nul-string.c"
{ echo '#include <asyncc.h>'; echo 'async int f(void) { return'
  perl -e 'print "(" x 10000, "1", ")" x 10000'; echo '; }'; } > "$TMP/deep-parens.c"
hostile hostile/deep-parens "$TMP/deep-parens.c"
{ echo '#include <asyncc.h>'; echo 'async int f(void) {'
  perl -e 'print "{" x 10000, "}" x 10000'; echo 'return 1; }'; } > "$TMP/deep-blocks.c"
hostile hostile/deep-blocks "$TMP/deep-blocks.c"
{ perl -e 'print "{" x 10000, "}" x 10000'; } > "$TMP/deep-plain.c"
hostile hostile/deep-blocks-plain "$TMP/deep-plain.c"
: > "$TMP/empty.c"
wanted passthrough/empty && passthrough passthrough/empty "$TMP/empty.c"

# --- site tables and the linker --------------------------------------------
# Nothing refers to a function's table of suspension sites, so a linker
# that garbage-collects sections (lld with --gc-sections ignores that the
# runtime reads them through __start_ac__sites) dropped it and a task lost
# its name in ac_dump_tasks; AC__SITES marks the tables retained.
if wanted link/gc-sections-keeps-site-tables; then
  d=$TMP/gc && mkdir -p "$d"
  printf '%s\n' '#include <asyncc.h>' '#include <stdio.h>' \
    'static async int worker(void) { await ac_delay(100); return 1; }' \
    'int main(void) { ac_future(int) f = worker(); ac_dump_tasks(stdout);' \
    '  int r = ac_wait(f); return ac_shutdown(1000) != 0 || r != 1; }' > "$d/gc.c"
  if ! err=$("$ASYNCC" "$d/gc.c" -o "$d/gc.gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -O2 -Wall -Wextra -Werror -ffunction-sections -fdata-sections \
               -fuse-ld=lld -Wl,--gc-sections -Iruntime "$d/gc.gen.c" build/libasyncc.a \
               -lpthread -o "$d/gc" 2>&1) ||
     ! err=$(ASYNCC_DUMP=1 "$d/gc" 2>&1); then
    bad link/gc-sections-keeps-site-tables "$err"
  elif ! grep -q "worker at $d/gc.c:3: await ac_delay(100)" <<<"$err"; then
    bad link/gc-sections-keeps-site-tables "$err"
  else ok link/gc-sections-keeps-site-tables; fi
fi

# ASYNCC_DEBUG is read on the runtime's first use: also when that is an
# I/O call on a plain thread that completes at once, allocates nothing and
# starts no pool (io.c, fdstate); the next call then checks the descriptor
# and reports a number closed and reused behind the runtime's back.
if wanted debug/asyncc-debug-first-io; then
  d=$TMP/firstio && mkdir -p "$d"
  printf '%s\n' '#include <asyncc.h>' '#include <unistd.h>' \
    'int main(void) { int p[2], q[2]; char b[1];' \
    '  if (pipe(p) || write(p[1], "a", 1) != 1) return 2;' \
    '  if (ac_wait(ac_read(p[0], b, 1, NULL)) != 1) return 3;' \
    '  if (pipe(q) || dup2(q[0], p[0]) < 0 || write(q[1], "b", 1) != 1) return 4;' \
    '  return ac_wait(ac_read(p[0], b, 1, NULL)) != 1 || b[0] != (char)98; }' > "$d/fi.c"
  if ! err=$("$ASYNCC" "$d/fi.c" -o "$d/fi.gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -Iruntime "$d/fi.gen.c" build/libasyncc.a \
               -lpthread -o "$d/fi" 2>&1) ||
     ! err=$(ASYNCC_DEBUG=1 timeout 60 "$d/fi" 2>&1); then
    bad debug/asyncc-debug-first-io "$err"
  elif ! grep -q "was closed and reused behind the runtime's back" <<<"$err"; then
    bad debug/asyncc-debug-first-io "no report of the reused descriptor: $err"
  else ok debug/asyncc-debug-first-io; fi
fi

# A forked child inherits the SIGUSR1 handler and the pipe, not the dumper
# thread: its signal once made the parent dump the parent's tasks.
if wanted debug/sigusr1-in-forked-child; then
  d=$TMP/fork && mkdir -p "$d"
  printf '%s\n' '#include <asyncc.h>' '#include <signal.h>' '#include <unistd.h>' \
    '#include <sys/wait.h>' 'static async int w(int ms) { await ac_delay(ms); return 5; }' \
    'int main(void) { ac_future(int) f = w(300); pid_t pid = fork();' \
    '  if (pid == 0) { raise(SIGUSR1); usleep(100000); _exit(0); }' \
    '  waitpid(pid, NULL, 0); usleep(50000); int v = ac_wait(f);' \
    '  return ac_shutdown(1000) != 0 || v != 5; }' > "$d/fk.c"
  if ! err=$("$ASYNCC" "$d/fk.c" -o "$d/fk.gen.c" 2>&1) ||
     ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -Iruntime "$d/fk.gen.c" build/libasyncc.a \
               -lpthread -o "$d/fk" 2>&1) ||
     ! err=$(ASYNCC_DUMP=1 timeout 60 "$d/fk" 2>&1); then
    bad debug/sigusr1-in-forked-child "$err"
  elif [ -n "$err" ]; then bad debug/sigusr1-in-forked-child "a dump: $err"
  else ok debug/sigusr1-in-forked-child; fi
fi

echo
echo "$pass passed, $fail failed"
if [ ${#filters[@]} -gt 0 ] && [ $((pass + fail)) -eq 0 ]; then
  echo "tests/run.sh: no test's name contains ${filters[*]}" >&2
  exit 1
fi
[ $fail -eq 0 ]
