/* calling an async function runs its body synchronously up to its first
 * suspension (hot tasks, as in C#): side effects before the first await
 * are visible as soon as the call returns, a function that never
 * suspends has finished entirely, awaits of already completed futures do
 * not suspend (nothing is allocated or scheduled), and the rest runs only
 * after the suspension. */
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int stage;

static async int staged(ac_future(int) gate) {
    atomic_store(&stage, 1);
    int g = await gate;             /* pending: the call returns here */
    atomic_store(&stage, 2);
    return 40 + g;
}

static int sync_effects;

static async int sync_only(int n) {
    for (int i = 0; i < n; i++)
        sync_effects += await sync_only(0) + 1;   /* completed futures */
    return n;
}

int main(void) {
    ac_future(int) gate;
    ac_promise *p = ac_promise_new(&gate);
    ac_future(int) f = staged(gate);
    printf("after call: stage %d\n", atomic_load(&stage));
    ac_promise_set_int(p, 2);
    int v = ac_wait(f);
    printf("after wait: stage %d value %d\n", atomic_load(&stage), v);
    ac_stats a, b;
    ac_stats_get(&a);
    ac_future(int) g = sync_only(5);
    ac_stats_get(&b);
    printf("sync effects %d before waiting, allocated %llu scheduled %llu\n", sync_effects,
           (unsigned long long)(b.allocated - a.allocated),
           (unsigned long long)(b.scheduled - a.scheduled));
    printf("value %d\n", ac_wait(g));
    return ac_shutdown(1000) != 0;
}
