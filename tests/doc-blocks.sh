#!/usr/bin/env bash
# tests/doc-blocks.sh OUTDIR FILE...: writes every ```c block of the Markdown
# FILEs to OUTDIR/PAGE/NAME.c and prints one line per block: "PAGE/NAME
# FILE:LINE" (NAME is lineN for the block at line N).
# A block whose fence says exactly ```c is one a user may copy, so run.sh
# compiles it (and runs it if it has a main); a block fenced ```c excerpt
# (generated code, internal declarations shown for reading) is skipped.
# A block right after a line `<!-- file: NAME -->` is written as NAME, so
# that later blocks of the same page can #include it; a NAME ending in .h is
# not compiled on its own.
set -eu
out=$1; shift
mkdir -p "$out"
for md in "$@"; do
  page=$(tr -c 'A-Za-z0-9\n' - <<<"$md")
  mkdir -p "$out/$page"
  awk -v dir="$out/$page" -v page="$page" -v md="$md" '
    /^```/ && inblock { close(file); inblock = 0; next }
    /^<!-- file: [A-Za-z0-9_.-]+ -->$/ { named = $3; next }
    /^```c[ \t]*$/ {
      if (named ~ /\.h$/) file = dir "/" named
      else {
        name = named != "" ? named : "line" FNR; sub(/\.c$/, "", name)
        file = dir "/" name ".c"
        print page "/" name " " md ":" FNR + 1
      }
      inblock = 1; named = ""
      printf "" > file
      next
    }
    { named = "" }
    inblock { print > file }
  ' "$md"
done
