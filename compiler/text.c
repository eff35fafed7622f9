// text.c: small helpers on C text held in strings (type spellings,
// attribute text), shared by the stages that rewrite them.

#include "acc.h"

const char *text_close_paren(const char *open) {
  int depth = 0;
  for (const char *p = open; *p; p++)
    if (*p == '(')
      depth++;
    else if (*p == ')' && --depth == 0)
      return p;
  return NULL;
}
