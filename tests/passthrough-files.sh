#!/usr/bin/env bash
# passthrough-files.sh ASYNCC FILE...: each FILE must come out of ASYNCC
# unchanged.  Used by run.sh through xargs, many files per call: a shell
# and a temporary file per header cost as much as the tool's run itself.
# Prints each file that fails, and exits 1 if any did.
asyncc=$1
shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT
status=0
for file in "$@"; do
  if ! "$asyncc" "$file" -o "$out" 2>/dev/null || ! cmp -s "$file" "$out"; then
    echo "not passed through unchanged: $file"
    status=1
  fi
done
exit $status
