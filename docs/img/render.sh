#!/usr/bin/env bash
# docs/img/render.sh [--check] [ASYNCC]: the state-machine pictures of
# docs/lowering.md.  docs/img/NAME.svg is `asyncc --explain=dot` of
# tests/e2e/NAME.c drawn by Graphviz's dot; an XML comment in it records the
# sha256 of that dot text.
#   make docs    (no --check) draws every picture again: needs dot.
#   make test    (--check) makes only the dot text, with the compiler of this
#                tree, and compares its hash with the recorded one: a picture
#                the compiler would now draw differently fails ("run make
#                docs"), whichever Graphviz version drew it (SVG bytes differ
#                between versions, the dot text does not).
set -euo pipefail
cd "$(dirname "$0")/../.."
check=false
if [ "${1:-}" = --check ]; then check=true; shift; fi
ASYNCC=${1:-build/asyncc}
NAMES="seed_sum_async seed_foo_async seed_get_contents seed_copy_stream"

stale=0
for name in $NAMES; do
  svg=docs/img/$name.svg
  # The spilled-await warnings of the seed examples go to stderr.
  text=$("$ASYNCC" --explain=dot "tests/e2e/$name.c" 2>/dev/null)
  hash=$(printf '%s\n' "$text" | sha256sum | cut -d' ' -f1)
  if $check; then
    if ! grep -q "dot-sha256: $hash " "$svg" 2>/dev/null; then
      echo "$svg is stale (the compiler's explain=dot output changed): run make docs"
      stale=1
    fi
  else
    printf '%s\n' "$text" | dot -Tsvg |
      sed "1a <!-- make docs: explain=dot of tests/e2e/$name.c, dot-sha256: $hash -->" \
      > "$svg.tmp"
    mv "$svg.tmp" "$svg"
    echo "  SVG   $svg"
  fi
done
exit $stale
