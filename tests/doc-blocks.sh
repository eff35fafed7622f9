#!/usr/bin/env bash
# tests/doc-blocks.sh OUTDIR FILE...: writes every ```c block of the Markdown
# FILEs to OUTDIR/NAME.c and prints one line per block: "NAME FILE:LINE".
# A block whose fence says exactly ```c is one a user may copy, so run.sh
# compiles it (and runs it if it has a main); a block fenced ```c excerpt
# (generated code, internal declarations shown for reading) is skipped.
set -eu
out=$1; shift
mkdir -p "$out"
for md in "$@"; do
  awk -v out="$out" -v md="$md" '
    /^```/ && inblock { close(file); inblock = 0; next }
    /^```c[ \t]*$/ {
      name = md; gsub(/[^A-Za-z0-9]+/, "-", name); name = name "-" FNR
      file = out "/" name ".c"; inblock = 1
      printf "" > file
      print name " " md ":" FNR + 1
      next
    }
    inblock { print > file }
  ' "$md"
done
