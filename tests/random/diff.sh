#!/usr/bin/env bash
# tests/random/diff.sh: random dialect programs (gen.c) run through asyncc
# and compared with their synchronous meaning (the same text compiled with
# -DAC_SYNC, sync.h).
#
#   diff.sh [-s SECONDS] [-n PROGRAMS] [-f FIRST_SEED] [-u UNITS] [-a] [-x] [-z]
#           [-v] [-k DIR]
#   diff.sh -p FILE [-p FILE...]    the same checks (every configuration) on
#                                   given programs, e.g. found/*.c
#
# The generator runs with -K (steer clear of the open bugs already in
# found/) unless -x is given; -z makes its functions small (make test).
# Stops after PROGRAMS programs or SECONDS seconds, whichever comes first.
# Each program holds UNITS units (seeds FIRST.., consecutive over programs).
# Per program: the reference (gcc -O1, ASan+UBSan) runs once; the tool's
# output is compiled under ASan+UBSan with one configuration (rotating over
# gcc -O0, clang-19 -O2, gcc -O2, clang-19 -O0, gcc -O1 under TSan,
# clang-19 -O1 lowered with --no-embed, gcc -O1 run with ASYNCC_DEBUG=1;
# CONFIGS="CC FLAGS;..." to choose, where "@tsan" in one means
# ThreadSanitizer instead, "@noembed" lowers with --no-embed and "@debug"
# runs with the runtime's checks) or, with -a, all of them, and
# each binary runs single-threaded (ASYNCC_WORKERS=0) and on the pool.
# A failing program and its log are kept in DIR (default build/random/fail).
# Kinds of failure:
#   reference   the synchronous program fails to build or run: a generator bug
#   tool        asyncc exits non-zero, crashes or reports a sanitizer error
#   compile     the generated C does not compile warning-free (-Werror)
#   run         the generated program crashes, hangs or fails a sanitizer
#               (a hang: 60 s of CPU, exit 137 or 152, or 20 minutes, 124)
#   mismatch    its output differs from the reference
# Prints one line per failure (with -v also one per program that passed)
# and a summary; exit 1 if anything failed.
set -u
cd "$(dirname "$0")/../.."
ASYNCC=${ASYNCC:-build/asan/asyncc}
LIB=${LIB:-build/asan/libasyncc.a}
TSANLIB=${TSANLIB:-build/tsan/libasyncc.a}
GEN=${GEN:-build/random/gen}
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

seconds=0 programs=1000000000 seed=1 units=20 all=0 keep=build/random/fail genflags=-K verbose=0
given=()
while getopts s:n:f:u:axzvk:p: o; do
  case $o in
    s) seconds=$OPTARG ;; n) programs=$OPTARG ;; f) seed=$OPTARG ;;
    u) units=$OPTARG ;; a) all=1 ;; k) keep=$OPTARG ;; x) genflags=${genflags/-K/} ;; z) genflags+=" -z" ;; v) verbose=1 ;; p) given+=("$OPTARG") programs=0 ;;
    *) echo "usage: $0 [-s SECONDS] [-n PROGRAMS] [-f SEED] [-u UNITS] [-a] [-k DIR]" >&2; exit 2 ;;
  esac
done
# Warnings: the reference compiles with the same flags, so a warning only
# in the generated C is the tool's.  Unused names and comparisons of
# constants are the generator's.
W="-std=gnu11 -Wall -Wextra -Werror -Wno-unused -Wno-unused-parameter -Wno-self-assign
   -Wno-type-limits -Wno-int-in-bool-context -Wno-tautological-compare -Wno-bool-compare
   -Wno-unused-but-set-parameter
   -Wno-constant-logical-operand -Wno-parentheses-equality -Wno-xor-used-as-pow
   -Wno-unknown-warning-option"
SAN="-g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all"
IFS=";" read -r -a CONFIGS <<<"${CONFIGS:-gcc -O0;clang-19 -O2;gcc -O2;clang-19 -O0;gcc -O1 @tsan;clang-19 -O1 @noembed;gcc -O1 @debug}"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$keep"

nprog=0 nunits=0 nruns=0 nfail=0 start=$SECONDS
declare -A kinds=()

fail() {   # kind message: keep the program and say so
  local kind=$1 msg=$2 name
  name=$keep/seed$first-$units-$kind
  cp "$TMP/p.c" "$name.c"
  printf '%s\n' "$msg" > "$name.log"
  local what="gen $first $units $genflags"
  [ "$units" = 0 ] && what=$first.c
  echo "FAIL $kind: $what -> $name.c: $(head -c 300 <<<"$msg" | head -3)"
  nfail=$((nfail + 1))
  kinds[$kind]=$(( ${kinds[$kind]:-0} + 1 ))
}

# A hang is 60 s of CPU, or 20 minutes of waiting: a campaign runs under
# nice -n 19 on a shared machine, where wall time says little.
limit() { ( ulimit -t 60; exec timeout 1200 "$@" ); }

check() {   # one program of units first..first+units-1
  local err cfgs=() cfg w rc
  rm -f "$TMP"/g*.c
  if [ -n "${1:-}" ]; then cp "$1" "$TMP/p.c"
  else "$GEN" "$first" "$units" $genflags > "$TMP/p.c" || { fail reference "gen failed"; return; }
  fi
  if ! err=$(gcc $W -DAC_SYNC -Itests/random -O1 $SAN "$TMP/p.c" -o "$TMP/ref" 2>&1) ||
     ! err=$(limit "$TMP/ref" 2>&1 >"$TMP/ref.out"); then
    fail reference "$err"; return
  fi
  if [ $all = 1 ]; then cfgs=("${CONFIGS[@]}"); else cfgs=("${CONFIGS[$((nprog % ${#CONFIGS[@]}))]}"); fi
  for cfg in "${cfgs[@]}"; do
    # A configuration is "CC FLAGS [@tsan] [@noembed] [@debug]".
    local san=$SAN lib=$LIB tool=-w gen=$TMP/g.c debug=
    [[ $cfg == *@debug* ]] && debug=1
    [[ $cfg == *@tsan* ]] && san="-g -fsanitize=thread" lib=$TSANLIB
    [[ $cfg == *@noembed* ]] && tool="-w --no-embed" gen=$TMP/g-noembed.c
    cfg=${cfg//@tsan/} cfg=${cfg//@noembed/} cfg=${cfg//@debug/}
    if [ ! -f "$gen" ]; then
      err=$(limit "$ASYNCC" $tool "$TMP/p.c" -o "$gen" 2>&1); rc=$?
      if [ $rc -ne 0 ]; then fail tool "asyncc $tool: exit $rc: $err"; return; fi
    fi
    if ! err=$($cfg $W $san -Iruntime "$gen" "$lib" -lpthread -o "$TMP/prog" 2>&1); then
      # The generator's own text may warn under this compiler (clang's
      # -Wxor-used-as-pow on 10UL ^ 3UL): then the reference says so too.
      if ! $cfg $W -DAC_SYNC -Itests/random -fsyntax-only "$TMP/p.c" > /dev/null 2>&1; then
        fail reference "$cfg refuses the synchronous text too: $err"
      else
        fail compile "$cfg $tool: $err"
      fi
      return
    fi
    for w in "" 0; do
      err=$(ASYNCC_DEBUG=$debug ASYNCC_WORKERS=$w limit "$TMP/prog" 2>&1 >"$TMP/out"); rc=$?
      nruns=$((nruns + 1))
      if [ $rc -ne 0 ]; then
        fail run "$cfg $san $tool${debug:+ ASYNCC_DEBUG=1}, ASYNCC_WORKERS='$w': exit $rc: $err"; return
      fi
      if ! cmp -s "$TMP/out" "$TMP/ref.out"; then
        fail mismatch "$cfg $san $tool, ASYNCC_WORKERS='$w': $(diff "$TMP/ref.out" "$TMP/out" | head -20)"
        return
      fi
    done
  done
}

for f in "${given[@]}"; do   # -p FILE: a program of our own (found/*.c)
  before=$nfail first=$(basename "$f" .c) units=0 all=1
  check "$f"
  [ $nfail = "$before" ] && echo "ok $f"
  nprog=$((nprog + 1))
done
while [ $nprog -lt "$programs" ]; do
  [ "$seconds" -gt 0 ] && [ $((SECONDS - start)) -ge "$seconds" ] && break
  first=$seed
  before=$nfail
  check
  [ $verbose = 1 ] && [ $nfail = "$before" ] && echo "ok gen $first $units $genflags ($((SECONDS - start)) s)"
  nprog=$((nprog + 1)) nunits=$((nunits + units)) seed=$((seed + units))
done
summary=""
for k in "${!kinds[@]}"; do summary+=" $k=${kinds[$k]}"; done
echo "random: $nprog programs, $nunits units (seeds ..$((seed - 1))), $nruns runs compared, $nfail failed${summary:+:}$summary, $((SECONDS - start)) s"
times > "$TMP/times"   # the shell's, then its children's user and system time
cpu=$(tail -1 "$TMP/times")
echo "cpu (user, system): ${cpu/ /, }"
[ $nfail -eq 0 ]
