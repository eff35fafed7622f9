#!/usr/bin/env bash
# bench/scale.sh [N] [S]: how the tool's time grows with the input (issue
# 11's targets: doubling the async functions of a file, or the statements
# of one body, costs at most 2.3x the time).  Generates, with awk:
#   funcs N    N async functions of about 760 bytes each (a loop, if/else,
#              a switch, awaits of the previous function and of ac_yield)
#   body S     one async function whose body has S statements, every tenth
#              an await
# and times build/asyncc (release) on N and 2N functions, S and 2S
# statements (best of 3 runs each), with the output's size against the
# input's.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
s=${2:-2000}
tool=${ASYNCC:-build/asyncc}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

gen_funcs() {   # $1 functions
  awk -v n="$1" 'BEGIN {
    print "#include <asyncc.h>\n#include <stdio.h>\n"
    print "static async int f0(int x) { await ac_yield(); return x; }"
    for (i = 1; i < n; i++) {
      printf "static async int f%d(int x) {\n  int total = 0, k = x %% 7;\n", i
      printf "  for (int j = 0; j < 3; j++) {\n    if (j == k) {\n"
      printf "      total += await f%d(x + j);\n    } else {\n", i - 1
      printf "      total -= j;\n      await ac_yield();\n    }\n  }\n"
      printf "  switch (k) {\n  case 0: total += 1; break;\n  case 1: total *= 2; break;\n"
      printf "  default: total += await f%d(k);\n  }\n", i - 1
      printf "  while (total > 1000) total /= 2;\n  return total + k;\n}\n"
    }
    printf "int main(void) { printf(\"%%d\\n\", ac_wait(f%d(1))); return 0; }\n", n - 1
  }'
}

gen_body() {   # $1 statements
  awk -v s="$1" 'BEGIN {
    print "#include <asyncc.h>\n#include <stdio.h>\n"
    print "static async unsigned g(unsigned x) { await ac_yield(); return x; }"
    print "static async unsigned big(unsigned x) {\n  unsigned a = x, b = 0, c = 1;"
    for (i = 0; i < s; i++) {
      if (i % 10 == 0) printf "  a += await g(b + %d);\n", i
      else if (i % 3 == 0) printf "  if (a > %d) b += c; else c += a;\n", i
      else printf "  b = b * 3 + a - %d;\n", i
    }
    print "  return a + b + c;\n}"
    print "int main(void) { printf(\"%u\\n\", ac_wait(big(1))); return 0; }"
  }'
}

best_ms() {   # best of 3 runs of the tool on $1, in ms
  local best=
  for _ in 1 2 3; do
    local t0 t1
    t0=$(date +%s%N)
    "$tool" "$1" -o "$dir/out.c" 2>/dev/null
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    [ -z "$best" ] || [ "$ms" -lt "$best" ] && best=$ms
  done
  echo "$best"
}

row() {   # name size-in-units file
  local ms bytes out
  ms=$(best_ms "$3")
  bytes=$(wc -c < "$3")
  out=$(wc -c < "$dir/out.c")
  printf '  %-6s %6s  %8d bytes in  %9d bytes out (%.1fx)  %7d ms\n' "$1" "$2" "$bytes" "$out" \
    "$(awk -v a="$out" -v b="$bytes" 'BEGIN { print a / b }')" "$ms" >&2
  echo "$ms"
}

echo "tool scaling ($tool), best of 3:" >&2
gen_funcs "$n" > "$dir/f1.c"
gen_funcs $((2 * n)) > "$dir/f2.c"
gen_body "$s" > "$dir/b1.c"
gen_body $((2 * s)) > "$dir/b2.c"
t1=$(row funcs "$n" "$dir/f1.c")
t2=$(row funcs $((2 * n)) "$dir/f2.c")
t3=$(row body "$s" "$dir/b1.c")
t4=$(row body $((2 * s)) "$dir/b2.c")
awk -v a="$t1" -v b="$t2" -v c="$t3" -v d="$t4" 'BEGIN {
  printf "  2x functions: %.2fx the time; 2x statements: %.2fx (target: at most 2.3x)\n",
    b / (a ? a : 1), d / (c ? c : 1) }'
