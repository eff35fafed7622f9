/* A call that completes synchronously allocates nothing, schedules
 * nothing: the runtime's own counters prove it. */
#include <asyncc.h>
#include <stdio.h>

static async int add(int a, int b) {
    return a + b;
}

static async int twice_add(int a) {
    int x = await add(a, a);      /* completed: a branch and a copy */
    return await add(x, 1);
}

static async void nothing(void) {
}

int main(void) {
    ac_stats before, after;
    ac_stats_get(&before);
    long total = 0;
    for (int i = 0; i < 1000; i++) {
        total += ac_wait(twice_add(i));
        ac_wait(nothing());
    }
    ac_stats_get(&after);
    printf("total %ld\n", total);
    printf("allocated %llu, scheduled %llu\n",
           (unsigned long long)(after.allocated - before.allocated),
           (unsigned long long)(after.scheduled - before.scheduled));
    return ac_shutdown(1000) != 0;
}
