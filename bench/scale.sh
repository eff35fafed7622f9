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
#   1mb        the stb libraries with their implementations (1.0 MB of
#              real C in one file, libstb-dev, the size of Lua's one-file
#              build) with the same 20 async functions appended
# and times build/asyncc (release) on N and 2N functions, S and 2S
# statements, 4,000 statements, and the two large files against
# gcc -fsyntax-only on their plain C (RUNS runs each, default 3,
# interleaved), with the output's size against the input's.  The large
# files' target (issue 11: no slower than gcc) is judged on CPU time
# (user + system, from bash's `times`), best of RUNS: on a shared machine
# the wall time of one run swings 2x with the load.  Prints a report and
# the target lines on stderr and writes the figures to
# build/bench/scale.tsv as bench/run.sh's spread.tsv rows (metric,
# system, median, min, max, runs, unit), which run.sh adds to its table
# and checks as targets.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-500}
s=${2:-2000}
runs=${3:-3}
tool=${ASYNCC:-build/asyncc}
big=/usr/share/duktape/duktape.c
stb=/usr/include/stb
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

cpu_ms() {   # CPU time (user + system) of a command in ms, from bash's `times`
  ( "$@" >/dev/null 2>&1 || true
    times ) | awk 'NR == 2 { t = 0
      for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60 + p[2] }
      printf "%d\n", t * 1000 + 0.5 }'
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

# large LABEL METRIC FILE PLAIN [FLAGS...]: asyncc on FILE against gcc
# -fsyntax-only on PLAIN (FILE without its async functions), interleaved;
# rows METRIC (wall, median) and METRIC with _cpu (CPU, best run judged).
large() {
  local label=$1 metric=$2 file=$3 plain=$4
  shift 4
  local g=() a=() gc=() ac=()
  for ((i = 0; i < runs; i++)); do   # interleaved: both see the same load
    g+=("$(ms_of gcc -std=gnu11 -fsyntax-only "$@" "$plain")")
    a+=("$(ms_of "$tool" "$@" "$file" -o "$dir/out.c")")
    gc+=("$(cpu_ms gcc -std=gnu11 -fsyntax-only "$@" "$plain")")
    ac+=("$(cpu_ms "$tool" "$@" "$file" -o "$dir/out.c")")
  done
  local gmed gmin gmax amed amin amax gwall awall
  read -r gmed gmin gmax < <(printf '%s\n' "${g[@]}" | stats)
  read -r amed amin amax < <(printf '%s\n' "${a[@]}" | stats)
  printf '%s\tasyncc\t%s\t%s\t%s\t%s\tms\n' "$metric" "$amed" "$amin" "$amax" "$runs" >> "$tsv"
  printf '%s\tgcc\t%s\t%s\t%s\t%s\tms\n' "$metric" "$gmed" "$gmin" "$gmax" "$runs" >> "$tsv"
  gwall=$gmed awall=$amed
  read -r gmed gmin gmax < <(printf '%s\n' "${gc[@]}" | stats)
  read -r amed amin amax < <(printf '%s\n' "${ac[@]}" | stats)
  printf '%s_cpu\tasyncc\t%s\t%s\t%s\t%s\tms\n' "$metric" "$amed" "$amin" "$amax" "$runs" >> "$tsv"
  printf '%s_cpu\tgcc\t%s\t%s\t%s\t%s\tms\n' "$metric" "$gmed" "$gmin" "$gmax" "$runs" >> "$tsv"
  printf '  %s (%d bytes): asyncc %d ms CPU, gcc -fsyntax-only %d ms CPU (best of %d; wall medians %d and %d ms)\n' \
    "$label" "$(wc -c < "$file")" "$amin" "$gmin" "$runs" "$awall" "$gwall" >&2
  local verdict=MISSED
  [ "$amin" -le "$gmin" ] && verdict=met
  printf '  %-7s target: asyncc on %s no slower than gcc -fsyntax-only (CPU, best of %d: %d vs %d ms)\n' \
    "$verdict" "$label" "$runs" "$amin" "$gmin" >&2
}

gen_funcs 20 > "$dir/async20.c"
if [ -f "$stb/stb_image.h" ]; then
  {
    for h in image image_write truetype rect_pack vorbis ds sprintf image_resize; do
      echo "#define STB_${h^^}_IMPLEMENTATION"
    done
    for h in stb_image stb_image_write stb_rect_pack stb_truetype stb_ds stb_sprintf stb_vorbis \
             stb_image_resize; do
      cat "$stb/$h.h"
    done
  } > "$dir/stb.c"
  cat "$dir/stb.c" "$dir/async20.c" > "$dir/stb-async.c"
  large "stb (1 MB) + 20 async functions" tool_async_1mb_ms "$dir/stb-async.c" "$dir/stb.c"
else
  echo "  skip the 1 MB file: $stb missing (apt-get install libstb-dev)" >&2
fi
if [ -f "$big" ]; then
  cat "$big" "$dir/async20.c" > "$dir/big.c"
  large "duktape.c + 20 async functions" tool_async_file_ms "$dir/big.c" "$big" -I"${big%/*}"
else
  echo "  skip the large file: $big missing (apt-get install duktape-dev)" >&2
fi
