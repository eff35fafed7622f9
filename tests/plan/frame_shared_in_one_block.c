/* Frame slots from live ranges: a and b are declared in one block, but a
   lives across await 1 only and b across await 2 only, so their bytes are
   shared (scope-based layout keeps them apart); n lives across both. */
#include <asyncc.h>

async int g(int v);

async int one_block(int n) {
  long a = n * 2L;
  await g(1);
  n += (int)a;
  long b = n * 3L;
  await g(2);
  return (int)b + n;
}
