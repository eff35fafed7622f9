// tokens.c: the back end's one way into the scanner's tokens.
//
// The back end works on the tree and on libclang's facts; where it still
// needs the tokens themselves (a name's length, a declaration's words,
// ac_future(...) written outside async bodies, the end of a loop header),
// it looks them up here, by byte offset, and matches brackets here, so
// that skipped #if groups and directives are treated alike everywhere.

#include "acc.h"

#include <ctype.h>

int tok_after(const TokenList *tl, int off) {
  int lo = 0, hi = tl->ntoks;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (tl->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

int tok_at(const TokenList *tl, int off) {
  int i = tok_after(tl, off);
  return i < tl->ntoks && tl->toks[i].off == off ? i : -1;
}

// Tokens of skipped #if groups and directives do not count.
static bool counts(const Token *t) {
  return !(t->flags & TF_SKIPPED) && t->kind != TK_HASH_LINE && t->kind != TK_EOF;
}

int tok_prev(const TokenList *tl, int i) {
  while (--i >= 0 && !counts(&tl->toks[i])) {
  }
  return i;
}

int tok_match(const Source *src, const TokenList *tl, int i) {
  static const char *const open[] = {"(", "[", "{"}, *const close[] = {")", "]", "}"};
  int kind = -1;
  for (int k = 0; k < 3 && i >= 0 && i < tl->ntoks; k++)
    if (scan_token_is(src, &tl->toks[i], open[k]))
      kind = k;
  if (kind < 0)
    return -1;
  int depth = 0;
  for (int j = i; j < tl->ntoks; j++) {
    const Token *t = &tl->toks[j];
    if (!counts(t) || t->kind != TK_PUNCT)
      continue;
    if (scan_token_is(src, t, open[kind]))
      depth++;
    else if (scan_token_is(src, t, close[kind]) && --depth == 0)
      return j;
  }
  return -1;
}

int tok_len(const TokenList *tl, int off) {
  int i = tok_at(tl, off);
  return i >= 0 ? tl->toks[i].len : 0;
}

const char *tok_directive_name(const Source *src, const Token *t, int *n) {
  if (t->kind != TK_HASH_LINE)
    return NULL;
  const char *p = src->text + t->off + 1, *end = src->text + t->off + t->len;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  const char *q = p;
  while (q < end && (isalnum((unsigned char)*q) || *q == '_'))
    q++;
  *n = (int)(q - p);
  return p;
}
