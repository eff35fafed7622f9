/* With goto the liveness is exact: a is rewritten from the await on every
   path before it is read again, so it is not live across it; b and c are
   read after the backward goto, so they are. */
#include <asyncc.h>

async int g(void);

async int again(int n) {
  int a = 1, b = 2, c = 0;
back:
  c += b;
  a = await g();
  if (a < n)
    goto back;
  return c;
}
