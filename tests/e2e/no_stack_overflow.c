/* A loop awaiting 1,000,000 completed futures, and a chain of 10,000
 * nested async calls that all complete synchronously, run in constant
 * stack (cppcoro#31, folly#2077 overflowed here). */
#include <asyncc.h>
#include <stdio.h>

static async int ready(int v) {
    return v;
}

static async long sum_ready(int n) {
    long s = 0;
    for (int i = 0; i < n; i++)
        s += await ready(1);
    return s;
}

static async int chain(int depth) {
    if (depth == 0)
        return 0;
    return 1 + await chain(depth - 1);
}

static async long suspend_then_sum(void) {
    await ac_yield();             /* the rest runs on a worker */
    return await sum_ready(1000000) + await chain(10000);
}

int main(void) {
    printf("%ld\n", ac_wait(sum_ready(1000000)));
    printf("%d\n", ac_wait(chain(10000)));
    printf("%ld\n", ac_wait(suspend_then_sum()));
    return ac_shutdown(1000) != 0;
}
