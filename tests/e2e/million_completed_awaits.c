/* a loop awaiting 1,000,000 already completed futures (an async function
 * that finishes without suspending, and a future value kept completed):
 * the sum is exact and nothing is allocated or scheduled. */
#include <asyncc.h>
#include <stdio.h>

static async int ready(int v) {
    return v & 7;
}

static async long loop(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++)
        sum += await ready(i);
    return sum;
}

int main(void) {
    ac_stats a, b;
    ac_stats_get(&a);
    long s = ac_wait(loop(1000000));
    ac_stats_get(&b);
    /* i & 7 cycles 0..7 (sum 28) 125,000 times */
    printf("sum %ld\n", s);
    printf("allocated %llu scheduled %llu\n", (unsigned long long)(b.allocated - a.allocated),
           (unsigned long long)(b.scheduled - a.scheduled));
    return ac_shutdown(1000) != 0;
}
