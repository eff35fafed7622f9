/* Toub's SumAsync: awaits inside a call's arguments.  The values of the
 * first two awaits are already computed when the next await suspends, so
 * they are spilled to the frame (Roslyn's <>t__stack); the third is not.
 * tests/explain/seed_sum_async checks exactly that. */
#include <asyncc.h>
#include <stdio.h>

static int sum(int a, int b, int c) {
    return a + b + c;
}

static async int get_int(int v) {
    await ac_yield();
    return v;
}

static async int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c) {
    return sum(await a, await b, await c);
}

int main(void) {
    printf("%d\n", ac_wait(sum_async(get_int(1), get_int(20), get_int(300))));
    return ac_shutdown(1000) != 0;
}
