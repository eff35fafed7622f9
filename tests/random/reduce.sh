#!/usr/bin/env bash
# tests/random/reduce.sh: shrink a failing program by deleting lines.
#
#   reduce.sh FILE TEST [ARG...]
#
# `TEST ARG... CANDIDATE` must exit 0 while CANDIDATE (a copy of FILE with
# lines deleted) still shows the failure.  Deletes whole brace blocks (a
# line ending in '{' through its matching '}'), then ever smaller runs of
# lines (halves, quarters, ... single lines), while TEST still passes,
# until nothing more can go; FILE is rewritten in place (the original is
# kept as FILE.orig).  Lines are the unit: the generator writes one
# statement or brace per line, and a candidate that no longer compiles is
# just an uninteresting one, so TEST checks that the reference still
# builds (interesting.sh does).
set -u
file=$1; shift
cmd=("$@")
cp "$file" "$file.orig"
cand=$(mktemp --suffix=.c)
trap 'rm -f "$cand"' EXIT
"${cmd[@]}" "$file" >/dev/null 2>&1 || { echo "reduce: $file is not interesting to start with" >&2; exit 1; }
tests=0 progress=1

attempt() {   # from to: keep the deletion of lines from..to if still failing
  sed "$1,$2d" "$file" > "$cand"
  tests=$((tests + 1))
  "${cmd[@]}" "$cand" >/dev/null 2>&1 || return 1
  cp "$cand" "$file"
  progress=1
}

blocks() {
  local i=1 j
  while [ "$i" -le "$(wc -l < "$file")" ]; do
    j=$(awk -v i="$i" 'NR == i && !/\{[ \t]*$/ { exit }
      NR >= i { n += gsub(/\{/, "{"); n -= gsub(/\}/, "}"); if (n <= 0) { print NR; exit } }' "$file")
    if [ -n "$j" ] && attempt "$i" "$j"; then continue; fi
    i=$((i + 1))
  done
}

lines() {
  local n chunk start changed
  n=$(wc -l < "$file")
  chunk=$(( n / 2 > 0 ? n / 2 : 1 ))
  while :; do
    changed=0 start=1
    while [ "$start" -le "$n" ]; do
      if attempt "$start" $((start + chunk - 1)); then n=$(wc -l < "$file") changed=1
      else start=$((start + chunk)); fi
    done
    if [ "$chunk" -gt 1 ]; then chunk=$((chunk / 2))
    elif [ $changed = 0 ]; then break
    fi
  done
}

while [ $progress = 1 ]; do
  progress=0
  blocks
  lines
done
echo "reduce: $(wc -l < "$file.orig") -> $(wc -l < "$file") lines in $tests tests"
