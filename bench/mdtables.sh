#!/usr/bin/env bash
# bench/mdtables.sh - prints the last `make bench` results (build/bench/)
# as Markdown tables, for docs/performance.md: the figures (median, min,
# max), the ratios behind chart.svg, and the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
B=build/bench
echo "| metric | system | median | min | max | unit | asyncc / this |"
echo "|---|---|---:|---:|---:|---|---:|"
awk -F'\t' 'NR == FNR { r[$1 "\t" $2] = $3; next }
  { printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $7, ($1 "\t" $2 in r) ? r[$1 "\t" $2] : "" }' \
  "$B/ratios.tsv" "$B/spread.tsv"
echo
echo "| ratio (chart.svg) | asyncc cost / baseline cost |"
echo "|---|---:|"
awk -F'\t' '{ printf "| %s vs %s | %s |\n", $1, $2, $3 }' "$B/ratios.tsv"
echo
echo "| target | result |"
echo "|---|---|"
sed -n 's/^  \(met\|MISSED\|n\/a\) *\(.*\)/| \2 | \1 |/p' "$B/targets.txt"
