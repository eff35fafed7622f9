#!/usr/bin/env bash
# bench/output_size.sh [N]: the generated C's size and the C compiler's
# time on it (issue 11's targets: output at most 4x the input, `gcc -O0` on
# it at most 3x the time of the same program written synchronously).
# Generates N async functions of about 760 bytes each (bench/scale.sh's
# shape: a loop, if/else, a switch, awaits of the previous function and of
# ac_yield) and their synchronous twin (no async, no await, no yield), runs
# the tool (ASYNCC, default build/asyncc) and times `gcc -O0 -c` on the
# output and on the twin (CPU time, best of 3).  gcc -O0's time follows the
# machine instructions it emits, so it also counts them (`gcc -O0 -S`, the
# instruction lines of the assembly: deterministic where the time is not),
# in all and in f{N/2}, one function of the middle.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
tool=${ASYNCC:-build/asyncc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

gen() {   # $1 functions; $2 = sync for the synchronous twin
  awk -v n="$1" -v sync="$2" 'BEGIN {
    A = sync ? "" : "async "; W = sync ? "" : "await "
    Y = sync ? "" : "      await ac_yield();\n"
    print "#include <asyncc.h>\n#include <stdio.h>\n"
    printf "static %sint f0(int x) { %sreturn x; }\n", A, sync ? "" : "await ac_yield(); "
    for (i = 1; i < n; i++) {
      printf "static %sint f%d(int x) {\n  int total = 0, k = x %% 7;\n", A, i
      printf "  for (int j = 0; j < 3; j++) {\n    if (j == k) {\n"
      printf "      total += %sf%d(x + j);\n    } else {\n", W, i - 1
      printf "      total -= j;\n%s    }\n  }\n", Y
      printf "  switch (k) {\n  case 0: total += 1; break;\n  case 1: total *= 2; break;\n"
      printf "  default: total += %sf%d(k);\n  }\n", W, i - 1
      printf "  while (total > 1000) total /= 2;\n  return total + k;\n}\n"
    }
    if (sync)
      printf "int main(void) { printf(\"%%d\\n\", f%d(1)); return 0; }\n", n - 1
    else
      printf "int main(void) { printf(\"%%d\\n\", ac_wait(f%d(1))); return 0; }\n", n - 1
  }'
}

best_ms() {   # best of 3 runs of gcc -O0 -c on $1: CPU time (user + system) in ms,
  local best= t ms   # which a busy machine disturbs less than the wall clock
  for _ in 1 2 3; do
    t=$( { TIMEFORMAT='%3U %3S'; time gcc -std=gnu11 -O0 -Iruntime -c "$1" -o "$dir/x.o"; } 2>&1 )
    ms=$(awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d", (a[1] + a[2]) * 1000 }')
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  echo "$best"
}

instructions() {   # $1 file, $2 function or "": instruction lines of gcc -O0 -S
  gcc -std=gnu11 -O0 -Iruntime -S "$1" -o - | awk -v f="$2" '
    /^[A-Za-z_][A-Za-z0-9_.]*:/ { fn = $1; sub(/:$/, "", fn) }
    /^\t[a-z]/ && (f == "" || fn == f || fn == f "__run") { n++ }
    END { print n + 0 }'
}

gen "$n" 0 > "$dir/in.c"
gen "$n" 1 > "$dir/sync.c"
"$tool" "$dir/in.c" -o "$dir/out.c" 2>/dev/null
in=$(wc -c < "$dir/in.c") out=$(wc -c < "$dir/out.c") lines=$(wc -l < "$dir/out.c")
t_out=$(best_ms "$dir/out.c") t_sync=$(best_ms "$dir/sync.c")
mid=f$((n / 2))
i_out=$(instructions "$dir/out.c" "") i_sync=$(instructions "$dir/sync.c" "")
f_out=$(instructions "$dir/out.c" "$mid") f_sync=$(instructions "$dir/sync.c" "$mid")
awk -v n="$n" -v i="$in" -v o="$out" -v l="$lines" -v a="$t_out" -v s="$t_sync" \
    -v io="$i_out" -v is="$i_sync" -v fo="$f_out" -v fs="$f_sync" -v mid="$mid" 'BEGIN {
  printf "%d async functions: %d bytes in, %d bytes out (%d lines): %.1fx the input (target 4x)\n",
    n, i, o, l, o / i
  printf "gcc -O0 -c: %d ms on the output, %d ms on the synchronous twin: %.1fx (target 3x)\n",
    a, s, a / (s ? s : 1)
  printf "gcc -O0 -S: %d instructions for the output, %d for the twin: %.1fx; %s: %d (its run function) vs %d: %.1fx\n",
    io, is, io / (is ? is : 1), mid, fo, fs, fo / (fs ? fs : 1) }'
