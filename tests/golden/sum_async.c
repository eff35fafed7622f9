/* SumAsync: the values of the first two awaits are spilled to the frame. */
#include <asyncc.h>

int sum(int a, int b, int c);

async int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c) {
    return sum(await a, await b, await c);
}
