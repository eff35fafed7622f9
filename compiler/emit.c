// emit.c: the output as an edit list over the original bytes.
//
// Everything the tool does not rewrite is copied byte for byte, comments
// and layout included; a file without async functions has no edits and so
// comes out identical.  Edits are kept sorted by offset and must not
// overlap: two edits of one range would mean two passes disagree, which is
// an internal error rather than a guess.

#include "acc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void emit_edit(EditList *el, int off, int end, char *text) {
  Edit e = {.off = off, .end = end, .text = text};
  vec_push(&el->edits, e);
  // Keep sorted: edits mostly arrive in order, so insertion sort is cheap.
  Edit *d = el->edits.data;
  for (int i = el->edits.len - 1; i > 0 && d[i - 1].off > d[i].off; i--) {
    Edit t = d[i];
    d[i] = d[i - 1];
    d[i - 1] = t;
  }
}

void emit_first(EditList *el, char *text) {
  Edit e = {.off = 0, .end = 0, .text = text};
  vec_push(&el->edits, e);
  Edit *d = el->edits.data;
  memmove(d + 1, d, (el->edits.len - 1) * sizeof *d);
  d[0] = e;
}

char *emit_apply(Source *src, EditList *el, size_t *len) {
  char *buf = NULL;
  FILE *out = open_memstream(&buf, len);
  if (!out)
    diag_die("out of memory");
  int pos = 0;
  for (int i = 0; i < el->edits.len; i++) {
    Edit *e = &el->edits.data[i];
    if (e->off < pos || e->end < e->off || e->end > src->len)
      diag_internal(__FILE__, __LINE__, "overlapping edits at offset %d", e->off);
    fwrite(src->text + pos, 1, e->off - pos, out);
    fputs(e->text, out);
    pos = e->end;
  }
  fwrite(src->text + pos, 1, src->len - pos, out);
  if (fclose(out))
    diag_die("out of memory");
  return buf;
}
