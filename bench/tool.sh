#!/usr/bin/env bash
# bench/tool.sh [RUNS]: the tool's own speed against the C compiler's front
# end on the same file with the same flags (SPEC.md §5: asyncc must take
# less wall time than `gcc -fsyntax-only`).  Runs are interleaved so that
# both see the same machine load; prints median, min and max of each and
# their ratio, and writes its two rows into build/bench/results.tsv
# (replacing those of an earlier run).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-11}
file=/usr/share/duktape/duktape.c     # 3.6 MB, 101k lines of real C (duktape-dev)
flags=(-I/usr/share/duktape)
[ -f "$file" ] || { echo "bench/tool.sh: $file missing (apt-get install duktape-dev)"; exit 1; }
mkdir -p build/bench
out=$(mktemp)
trap 'rm -f "$out"' EXIT

now_us() { echo $(( $(date +%s%N) / 1000 )); }
time_us() { local t0; t0=$(now_us); "$@" >/dev/null; echo $(( $(now_us) - t0 )); }
stats() { sort -n | awk '{ v[NR] = $1 } END { printf "%.1f %.1f %.1f\n", v[int((NR + 1) / 2)] / 1000, v[1] / 1000, v[NR] / 1000 }'; }

gcc_t=() tool_t=()
for ((i = 0; i < runs; i++)); do
  gcc_t+=("$(time_us gcc -std=gnu11 -fsyntax-only "${flags[@]}" "$file")")
  tool_t+=("$(time_us build/asyncc "${flags[@]}" "$file" -o "$out")")
done
read -r gmed gmin gmax < <(printf '%s\n' "${gcc_t[@]}" | stats)
read -r amed amin amax < <(printf '%s\n' "${tool_t[@]}" | stats)
printf 'tool speed on %s (%s bytes, %s lines), %d runs each, ms (median min max):\n' \
  "$file" "$(wc -c < "$file")" "$(wc -l < "$file")" "$runs"
printf '  gcc -fsyntax-only  %8s %8s %8s\n' "$gmed" "$gmin" "$gmax"
printf '  asyncc             %8s %8s %8s\n' "$amed" "$amin" "$amax"
awk -v a="$amed" -v g="$gmed" 'BEGIN { printf "  ratio asyncc/gcc   %8.2f\n", a / g }'
# Replaces the tool_ms rows of an earlier run; keeps every other row.
tsv=build/bench/results.tsv
{
  [ -f "$tsv" ] && grep -v $'^tool_ms\t' "$tsv" || true
  printf 'tool_ms\tasyncc\t%s\tms\ntool_ms\tgcc\t%s\tms\n' "$amed" "$gmed"
} > "$tsv.new"
mv "$tsv.new" "$tsv"
