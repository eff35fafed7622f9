#!/usr/bin/env bash
# tests/random/interesting.sh: the predicate reduce.sh uses for programs
# of gen.c.  Exits 0 when FILE still compiles as plain C (-DAC_SYNC, with
# the campaign's warning flags) and still fails in the same way:
#
#   interesting.sh tool PATTERN FILE        asyncc's output matches PATTERN
#   interesting.sh compile PATTERN FILE     compiling its output (gcc, clang-19) does
#   interesting.sh mismatch CC FILE         its output under CC differs from the
#                                           reference (ASYNCC_WORKERS=0 and pool)
#   interesting.sh run PATTERN FILE         under gcc -O1, ASan+UBSan, it fails
#                                           with PATTERN in its stderr
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
ASYNCC=${ASYNCC:-$root/build/asyncc}
LIB=${LIB:-$root/build/asan/libasyncc.a}
kind=$1 arg=$2 file=$3
W="-std=gnu11 -Wall -Wextra -Werror -Wno-unused -Wno-unused-parameter -Wno-self-assign
   -Wno-type-limits -Wno-int-in-bool-context -Wno-tautological-compare -Wno-bool-compare
   -Wno-unused-but-set-parameter
   -Wno-constant-logical-operand -Wno-parentheses-equality -Wno-xor-used-as-pow
   -Wno-unknown-warning-option"
SAN="-g -fsanitize=address,undefined -fno-sanitize-recover=all"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
gcc $W -DAC_SYNC -I"$root/tests/random" -O1 $SAN "$file" -o "$t/ref" 2>/dev/null || exit 1
timeout 20 "$t/ref" > "$t/ref.out" 2>/dev/null || exit 1
case $kind in
  tool)
    timeout 60 "$ASYNCC" -w "$file" -o "$t/g.c" > "$t/err" 2>&1
    grep -q -e "$arg" "$t/err" ;;
  compile)
    timeout 60 "$ASYNCC" -w "$file" -o "$t/g.c" 2>/dev/null || exit 1
    ! out=$( { gcc $W -I"$root/runtime" -O2 -c "$t/g.c" -o "$t/o" &&
               clang-19 $W -I"$root/runtime" -O2 -c "$t/g.c" -o "$t/o"; } 2>&1) &&
      grep -q -e "$arg" <<<"$out" ;;
  mismatch)
    timeout 60 "$ASYNCC" -w "$file" -o "$t/g.c" 2>/dev/null || exit 1
    $arg $W $SAN -I"$root/runtime" "$t/g.c" "$LIB" -lpthread -o "$t/p" 2>/dev/null || exit 1
    for w in 0 ""; do
      ASYNCC_WORKERS=$w timeout 20 "$t/p" > "$t/out" 2>/dev/null || exit 1
      cmp -s "$t/out" "$t/ref.out" || exit 0
    done
    exit 1 ;;
  run)
    timeout 60 "$ASYNCC" -w "$file" -o "$t/g.c" 2>/dev/null || exit 1
    gcc $W -O1 $SAN -I"$root/runtime" "$t/g.c" "$LIB" -lpthread -o "$t/p" 2>/dev/null || exit 1
    for w in 0 ""; do
      ASYNCC_WORKERS=$w timeout 20 "$t/p" > /dev/null 2> "$t/err" && continue
      grep -q -e "$arg" "$t/err" && exit 0
    done
    exit 1 ;;
  *) echo "interesting.sh: unknown kind $kind" >&2; exit 2 ;;
esac
