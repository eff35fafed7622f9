/* 10,000 concurrent tasks each yielding several times (all suspended at
 * once), each adding to an atomic sum and returning its own partial sum
 * from its frame: totals are exact in both pool and single-threaded
 * modes, and every frame is freed at the end. */
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define N 10000
#define YIELDS 5

static atomic_llong shared;

static async long task(int id) {
    long mine = 0;
    for (int k = 0; k < YIELDS; k++) {
        await ac_yield();
        mine += id + k;
        atomic_fetch_add(&shared, 1);
    }
    return mine;
}

static async long run(ac_future(long) *futs) {
    for (int i = 0; i < N; i++)
        futs[i] = task(i);
    long total = 0;
    for (int i = 0; i < N; i++)
        total += await futs[i];
    return total;
}

int main(void) {
    ac_future(long) *futs = malloc(N * sizeof *futs);
    long total = ac_wait(run(futs));
    free(futs);
    /* sum over id of (5*id + 0+1+2+3+4) = 5 * N(N-1)/2 + 10 * N */
    printf("total %ld expected %ld\n", total, 5L * N * (N - 1) / 2 + 10L * N);
    printf("increments %lld\n", (long long)atomic_load(&shared));
    long left = ac_shutdown(1000);
    ac_stats st;
    ac_stats_get(&st);
    printf("left %ld live %llu\n", left, (unsigned long long)st.live);
    return 0;
}
