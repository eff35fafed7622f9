/* && and ?: with awaits: each makes a temporary for its value (an int for
   &&).  In f(await a, x && await b) the first await's value waits across
   the second: spilled; the && value is used at once. */
#include <asyncc.h>

int f(int a, int b);
async int get(int v);

async int logic(int x) {
  int r = f(await get(1), x && await get(2));
  r += x ? await get(3) : r;
  return r || await get(4);
}
