#!/usr/bin/env bash
# bench/scale.sh [N] [S] [RUNS]: how the tool's time grows with the input
# (issue 11's targets: doubling the async functions of a file, or the
# statements of one body, costs at most 2.3x the time; a body of 4,000
# statements takes under 0.2 s; a large real file with async functions
# takes no longer than `gcc -fsyntax-only` on its plain C).  Generates,
# with awk:
#   funcs N    N async functions of about 760 bytes each (a loop, if/else,
#              a switch, awaits of the previous function and of ac_yield)
#   body S     one async function whose body has S statements, every tenth
#              an await
#   big        duktape.c (3.6 MB of real C, duktape-dev) with 20 of the
#              async functions above appended
# and times build/asyncc (release) on N and 2N functions, S and 2S
# statements, 4,000 statements, and the big file against gcc -fsyntax-only
# on duktape.c (RUNS runs each, default 3, interleaved), with the output's
# size against the input's.  Prints a report on stderr and writes the
# figures to build/bench/scale.tsv as bench/run.sh's spread.tsv rows
# (metric, system, median, min, max, runs, unit), which run.sh adds to its
# table and checks as targets.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
s=${2:-2000}
runs=${3:-3}
tool=${ASYNCC:-build/asyncc}
big=/usr/share/duktape/duktape.c
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p build/bench
tsv=build/bench/scale.tsv
: > "$tsv"

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

ms_of() {   # wall time of a command in ms
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

stats() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)], v[1], v[NR] }'; }

# row METRIC SYSTEM LABEL FILE [FLAGS...]: times the tool on FILE, reports
# the median, writes the row, prints the minimum on stdout: the growth
# ratios compare the best runs, the least disturbed by a busy machine.
row() {
  local metric=$1 system=$2 label=$3 file=$4
  shift 4
  local t=() med min max
  for ((i = 0; i < runs; i++)); do t+=("$(ms_of "$tool" "$@" "$file" -o "$dir/out.c")"); done
  read -r med min max < <(printf '%s\n' "${t[@]}" | stats)
  printf '%s\t%s\t%s\t%s\t%s\t%s\tms\n' "$metric" "$system" "$med" "$min" "$max" "$runs" >> "$tsv"
  local bytes out
  bytes=$(wc -c < "$file")
  out=$(wc -c < "$dir/out.c" 2>/dev/null || echo 0)
  printf '  %-12s %9d bytes in  %9d bytes out (%4.1fx)  %6d ms (min %d, max %d)\n' "$label" \
    "$bytes" "$out" "$(awk -v a="$out" -v b="$bytes" 'BEGIN { print a / b }')" "$med" "$min" \
    "$max" >&2
  echo "$min"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / (a ? a : 1) }'; }

echo "tool scaling ($tool), median of $runs runs:" >&2
gen_funcs "$n" > "$dir/f1.c"
gen_funcs $((2 * n)) > "$dir/f2.c"
gen_body "$s" > "$dir/b1.c"
gen_body $((2 * s)) > "$dir/b2.c"
t1=$(row tool_scale_funcs_ms "n=$n" "$n funcs" "$dir/f1.c")
t2=$(row tool_scale_funcs_ms "n=$((2 * n))" "$((2 * n)) funcs" "$dir/f2.c")
t3=$(row tool_scale_body_ms "s=$s" "$s stmts" "$dir/b1.c")
t4=$(row tool_scale_body_ms "s=$((2 * s))" "$((2 * s)) stmts" "$dir/b2.c")
if [ "$s" != 4000 ] && [ $((2 * s)) != 4000 ]; then
  gen_body 4000 > "$dir/b4.c"
  row tool_scale_body_ms "s=4000" "4000 stmts" "$dir/b4.c" >/dev/null
fi
printf '  2x functions: %sx the time; 2x statements: %sx (best runs; target: at most 2.3x)\n' \
  "$(ratio "$t1" "$t2")" "$(ratio "$t3" "$t4")" >&2
printf 'tool_scale_funcs_x\tasyncc\t%s\t%s\t%s\t1\tx\n' "$(ratio "$t1" "$t2")" \
  "$(ratio "$t1" "$t2")" "$(ratio "$t1" "$t2")" >> "$tsv"
printf 'tool_scale_body_x\tasyncc\t%s\t%s\t%s\t1\tx\n' "$(ratio "$t3" "$t4")" \
  "$(ratio "$t3" "$t4")" "$(ratio "$t3" "$t4")" >> "$tsv"

if [ -f "$big" ]; then
  { cat "$big"; gen_funcs 20; } > "$dir/big.c"
  g=() a=()
  for ((i = 0; i < runs; i++)); do   # interleaved: both see the same load
    g+=("$(ms_of gcc -std=gnu11 -fsyntax-only -I"${big%/*}" "$big")")
    a+=("$(ms_of "$tool" -I"${big%/*}" "$dir/big.c" -o "$dir/out.c")")
  done
  read -r gmed gmin gmax < <(printf '%s\n' "${g[@]}" | stats)
  read -r amed amin amax < <(printf '%s\n' "${a[@]}" | stats)
  printf 'tool_async_file_ms\tasyncc\t%s\t%s\t%s\t%s\tms\n' "$amed" "$amin" "$amax" "$runs" >> "$tsv"
  printf 'tool_async_file_ms\tgcc\t%s\t%s\t%s\t%s\tms\n' "$gmed" "$gmin" "$gmax" "$runs" >> "$tsv"
  printf '  duktape.c + 20 async functions (%d bytes): asyncc %d ms, gcc -fsyntax-only on duktape.c %d ms (%sx)\n' \
    "$(wc -c < "$dir/big.c")" "$amed" "$gmed" "$(ratio "$gmed" "$amed")" >&2
else
  echo "  skip the large file: $big missing (apt-get install duktape-dev)" >&2
fi
