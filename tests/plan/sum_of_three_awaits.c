/* sum(await a, await b, await c): the values of the first two awaits wait
   across a later await and are spilled; the third is used at once. */
#include <asyncc.h>

int sum(int a, int b, int c);

async int sum3(ac_future(int) a, ac_future(int) b, ac_future(int) c) {
  return sum(await a, await b, await c);
}
