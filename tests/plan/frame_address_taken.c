/* A local's address is taken: the frame is allocated on entry and every
   hoisted local is a frame field for its whole block.  x and y are in
   sibling blocks and share bytes; k and p, whose block is the body,
   share with nothing. */
#include <asyncc.h>

async int g(int v);

async int address_taken(int k) {
  int *p = &k;
  if (k > 0) {
    long x = 1;
    await g((int)x);
    *p += (int)x;
  } else {
    long y = 2;
    await g((int)y);
    *p += (int)y;
  }
  return *p;
}
