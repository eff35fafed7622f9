#!/usr/bin/env bash
# tests/fuzz/mutate.sh: the whole tool (libclang included) on mutants of
# the test corpus (build/random/mutate, tests/fuzz/mutate.c).
#
#   mutate.sh [-s SECONDS] [-n MUTANTS] [-f FIRST_SEED] [-k DIR]
#
# Each mutant goes through build/asan/asyncc (ASan+UBSan) over an existing
# output file.  Kept in DIR (default build/fuzz/mutants) with a .log:
#   crash         exit status other than 0 and 1, a sanitizer report, or
#                 "internal error"
#   hang          more than 60 s of CPU or 20 minutes of wall time (a
#                 campaign runs under nice on a shared machine)
#   position      exit 1 with an error line not of the form
#                 FILE:LINE:COL: error: (nor a note or a caret line)
#   clobbered     exit 1 and the old output file changed
#   uncompilable  exit 0, the file was rewritten, and clang-19 -fsyntax-only
#                 refuses the output (libclang accepted the input)
# Prints one line per finding and a summary; exit 1 if anything was found.
set -u
cd "$(dirname "$0")/../.."
ASYNCC=${ASYNCC:-build/asan/asyncc}
MUTATE=${MUTATE:-build/random/mutate}
export ASAN_OPTIONS=${ASAN_OPTIONS:-exitcode=99:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
seconds=0 mutants=1000000000 seed=1 keep=build/fuzz/mutants
while getopts s:n:f:k: o; do
  case $o in
    s) seconds=$OPTARG ;; n) mutants=$OPTARG ;; f) seed=$OPTARG ;; k) keep=$OPTARG ;;
    *) echo "usage: $0 [-s SECONDS] [-n MUTANTS] [-f SEED] [-k DIR]" >&2; exit 2 ;;
  esac
done
corpus=(tests/e2e/*.c tests/reject/*.c tests/passthrough/*.c tests/golden/*.c tests/warn/*.c
        examples/*.c)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$keep"
n=0 nfound=0 accepted=0 refused=0 start=$SECONDS
declare -A kinds=()

found() {
  cp "$TMP/m.c" "$keep/mutant$seed-$1.c"
  printf '%s\n' "$2" > "$keep/mutant$seed-$1.log"
  echo "FOUND $1: mutate $seed -> $keep/mutant$seed-$1.c: $(head -c 200 <<<"$2" | head -2)"
  nfound=$((nfound + 1))
  kinds[$1]=$(( ${kinds[$1]:-0} + 1 ))
}

while [ $n -lt "$mutants" ]; do
  [ "$seconds" -gt 0 ] && [ $((SECONDS - start)) -ge "$seconds" ] && break
  "$MUTATE" "$seed" "${corpus[@]}" > "$TMP/m.c"
  echo "previous output" > "$TMP/out.c"
  err=$(cd "$TMP" && ulimit -t 60 && timeout 1200 "$OLDPWD/$ASYNCC" -I"$OLDPWD/tests/e2e" m.c \
          -o out.c 2>&1 >/dev/null); rc=$?
  n=$((n + 1))
  if [ $rc -eq 124 ] || [ $rc -eq 137 ] || [ $rc -eq 152 ]; then found hang "exit $rc: $err"
  elif [ $rc -gt 1 ] || grep -q -e 'Sanitizer' -e 'runtime error' -e 'internal error' <<<"$err"; then
    found crash "exit $rc: $err"
  elif [ $rc -eq 1 ]; then
    refused=$((refused + 1))
    # Diagnostics: "m.c:L:C: error|warning|note: ...", the quoted line
    # ("  12 | text"), the caret line, "m.c: too many errors, stopping", and
    # included headers' own "file:L:C:" lines, each after gcc's "In file
    # included from m.c:L:" (found/error_in_included_header.c, fixed).
    bad=$(grep -v -E -e '^[^ :]+:[0-9]+:[0-9]+: (error|warning|note): ' -e '^ *[0-9]* \| ' \
            -e '^ *\| ' -e '^[^ :]+: too many errors, stopping$' \
            -e '^In file included from m\.c:[0-9]+:$' <<<"$err" | head -3)
    if [ -n "$bad" ]; then found position "$bad
--- all of it:
$err"
    elif [ "$(cat "$TMP/out.c")" != "previous output" ]; then found clobbered "$err"
    fi
  else
    accepted=$((accepted + 1))
    if ! cmp -s "$TMP/m.c" "$TMP/out.c" &&
       ! cerr=$(clang-19 -std=gnu11 -fsyntax-only -w -Iruntime -Itests/e2e "$TMP/out.c" 2>&1); then
      found uncompilable "$cerr"
    fi
  fi
  seed=$((seed + 1))
done
summary=""
for k in "${!kinds[@]}"; do summary+=" $k=${kinds[$k]}"; done
echo "mutate: $n mutants ($accepted accepted, $refused refused), $nfound found${summary:+:}$summary, $((SECONDS - start)) s"
times > "$TMP/times"   # the shell's, then its children's user and system time
cpu=$(tail -1 "$TMP/times")
echo "cpu (user, system): ${cpu/ /, }"
[ $nfound -eq 0 ]
