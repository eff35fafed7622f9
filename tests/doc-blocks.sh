#!/usr/bin/env bash
# tests/doc-blocks.sh FILE.md...: every ```c block of each page is a
# complete program: it is run through asyncc, compiled with gcc at
# -Wall -Wextra -Werror under ASan+UBSan, and run (exit 0, within 60 s)
# on the pool and single-threaded (ASYNCC_WORKERS=0).
# Prints "ok FILE#N" or "FAIL FILE#N" per block; exits 1 if any failed.
# Expects build/asan/asyncc and build/asan/libasyncc.a (make test).
set -u
cd "$(dirname "$0")/.."
ASYNCC=${ASYNCC:-build/asan/asyncc}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
status=0
for page in "$@"; do
  # Split the page into block files: $TMP/N.c for the Nth ```c block.
  awk -v dir="$TMP" '
    /^```c$/ { n++; f = dir "/" n ".c"; inblk = 1; next }
    /^```/   { inblk = 0; next }
    inblk    { print > f }' "$page"
  for src in $(ls "$TMP"/*.c 2>/dev/null | sort -V); do
    n=$(basename "$src" .c)
    name="$page#$n"
    if ! err=$("$ASYNCC" -Iruntime "$src" -o "$TMP/gen.c" 2>&1) ||
       ! err=$(gcc -std=gnu11 -Wall -Wextra -Werror -g -O1 -fsanitize=address,undefined \
                 -fno-sanitize-recover=all -Iruntime "$TMP/gen.c" build/asan/libasyncc.a \
                 -lpthread -o "$TMP/prog" 2>&1) ||
       ! err=$(timeout 60 "$TMP/prog" 2>&1) ||
       ! err=$(ASYNCC_WORKERS=0 timeout 60 "$TMP/prog" 2>&1); then
      echo "FAIL $name"; sed 's/^/    /' <<<"$err" | head -20; status=1
    else
      echo "ok $name"
    fi
    rm -f "$src"
  done
done
exit $status
