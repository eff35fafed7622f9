/* the pool shuts down cleanly (ac_shutdown returns 0 with nothing left)
 * and starts again on first use or with ac_start; async work behaves the
 * same in each round, ac_start on a running pool gives -EALREADY, and the
 * allocation counters show every frame freed after each round. */
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

static async int work(int n) {
    int s = 0;
    for (int i = 1; i <= n; i++) {
        await ac_yield();
        s += i;
    }
    return s;
}

int main(void) {
    for (int round = 0; round < 3; round++) {
        if (round == 2)
            printf("explicit start %d\n", ac_start(NULL));
        int r = ac_wait(work(10 + round));
        int again = ac_start(NULL);
        long left = ac_shutdown(1000);
        ac_stats st;
        ac_stats_get(&st);
        printf("round %d: %d already %d left %ld live %llu\n", round, r,
               again == -EALREADY, left, (unsigned long long)st.live);
    }
    return 0;
}
