/* A static async function's ramp is declared inline (its synchronous path
 * can fold into the caller), except where the user asked for noinline:
 * both forms compile warning-free and behave the same, suspending or not. */
#include <asyncc.h>
#include <stdio.h>

static async long twice(long v, int yield) {
    if (yield)
        await ac_yield();
    return 2 * v;
}

__attribute__((noinline)) static async long thrice(long v, int yield) {
    if (yield)
        await ac_yield();
    return 3 * v;
}

static async long sum(int n) {
    long t = 0;
    for (int i = 0; i < n; i++)
        t += await twice(i, i % 3 == 0) + await thrice(i, i % 4 == 0);
    return t;
}

int main(void) {
    printf("sum %ld\n", ac_wait(sum(100)));
    printf("sync %ld %ld\n", ac_wait(twice(21, 0)), ac_wait(thrice(14, 0)));
    return ac_shutdown(1000) != 0;
}
