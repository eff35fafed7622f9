#!/usr/bin/env bash
# passthrough-one.sh ASYNCC FILE: FILE must come out of ASYNCC unchanged.
# Used by run.sh through xargs; prints the file name on failure.
out=$(mktemp)
trap 'rm -f "$out"' EXIT
if ! "$1" "$2" -o "$out" 2>/dev/null || ! cmp -s "$2" "$out"; then
  echo "not passed through unchanged: $2"
  exit 1
fi
