/* tasks.c (asyncc dialect) - metric 4: memory per suspended task.
 *
 *   tasks N   makes N promises (phase 1), then calls waiter() N times:
 *             each suspends on its own promise (phase 2) and is detached;
 *             prints "<bytes per task> <bytes per promise> <frame bytes per
 *             task>": the first two from RSS growth of each phase, the
 *             last from the runtime's own count (ac_stats live_bytes).
 *             Then completes every promise from main and checks that every
 *             task finished.
 *
 * waiter() is as trivial as docs/abi.md's worked example (`return await
 * f + 1`, a 32-byte frame), but counts its completion so that main can
 * check that every task ran.  (Written `int v = await f; add(v)`, asyncc
 * hoists v into the frame, 48 bytes: see bench/README.md.)  The baselines do the
 * same: cpp/coro.cpp tasks, go/bench.go tasks, node/bench.js tasks. */
#include <asyncc.h>
#include "common.h"
#include <string.h>

static _Atomic long finished;

static async void waiter(ac_future(int) f) {
    atomic_fetch_add_explicit(&finished, await f, memory_order_relaxed);
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 1000000);
    ac_start(NULL);
    ac_promise **ps = malloc(n * sizeof *ps);
    ac_future(int) *fs = malloc(n * sizeof *fs);
    /* Touch the arrays' pages first, with a value that is not 0: gcc turns
     * malloc + memset(0) into calloc, whose fresh pages stay untouched, and
     * the arrays then showed up in the promises' figure (51 B, not 24). */
    memset(ps, 0xff, n * sizeof *ps);
    memset(fs, 0xff, n * sizeof *fs);
    long r0 = bench_rss();
    ac_stats s0, s1, s2;
    ac_stats_get(&s0);
    for (long i = 0; i < n; i++)
        ps[i] = ac_promise_new(&fs[i]);
    long r1 = bench_rss();
    ac_stats_get(&s1);
    for (long i = 0; i < n; i++)
        ac_detach(waiter(fs[i]));
    long r2 = bench_rss();
    ac_stats_get(&s2);
    printf("%.1f %.1f %.1f\n", (double)(r2 - r1) / n, (double)(r1 - r0) / n,
           (double)(s2.live_bytes - s1.live_bytes) / n);
    for (long i = 0; i < n; i++)
        ac_promise_set_int(ps[i], 1);
    free(ps);
    free(fs);
    long unfinished = ac_shutdown(10000);
    if (finished != n || unfinished)
        return fprintf(stderr, "tasks: %ld finished, %ld live\n", (long)finished, unfinished), 1;
    return 0;
}
