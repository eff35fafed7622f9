/* ac_when_all over 1,000 tasks that suspend a varying number of times,
 * over a mix of completed and pending futures, over void futures, and
 * over futures that are all already completed (no allocation). */
#include <asyncc.h>
#include <stdio.h>

#define N 1000

static async int task(int i) {
    for (int k = 0; k < i % 5; k++)
        await ac_yield();
    return i;
}

static async void touch(int *slot, int v) {
    await ac_yield();
    *slot = v;
}

static ac_future(int) futs[N];

static async long run(void) {
    for (int i = 0; i < N; i++)
        futs[i] = task(i);
    await ac_when_all(futs, N);
    long sum = 0;
    for (int i = 0; i < N; i++)
        sum += await futs[i];
    printf("sum %ld\n", sum);
    int slots[16] = {0};
    ac_future(void) vf[16];
    for (int i = 0; i < 16; i++)
        vf[i] = touch(&slots[i], i + 1);
    await ac_when_all(vf, 16);
    int s = 0;
    for (int i = 0; i < 16; i++) {
        await vf[i];                        /* completed in place: no wait */
        s += slots[i];
    }
    printf("void slots %d\n", s);
    ac_future(int) done[4];
    for (int i = 0; i < 4; i++)
        done[i] = task(5 * i);              /* i % 5 == 0: completed at once */
    ac_stats a, b;
    ac_stats_get(&a);
    ac_future(void) all = ac_when_all(done, 4);
    ac_stats_get(&b);
    await all;
    printf("allocated %llu values %d %d\n", (unsigned long long)(b.allocated - a.allocated), await done[1], await done[3]);
    return sum;
}

int main(void) {
    printf("run %ld\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
