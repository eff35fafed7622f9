/* Awaits in loops: a for loop's increment runs after its body, so its
   await comes second; the counter and the total live across both awaits,
   a local written after each await (x) across none. */
#include <asyncc.h>

async int step(int v);

async int loops(int n) {
  int total = 0, x;
  for (int i = 0; i < n; i += await step(1)) {
    x = await step(i);
    total += x;
  }
  while (total > 100)
    total -= await step(total);
  return total;
}
