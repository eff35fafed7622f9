/* spawn.c (asyncc dialect) - metric 5: spawn-and-complete throughput.
 *
 *   spawn N   a spawner on a pool worker calls small() N times and detaches
 *             each future (yielding after every 128); small() hops onto the pool with
 *             `await ac_yield()` (an async call runs synchronously until
 *             its first suspension), does a little work and counts down;
 *             the last one completes a promise that main waits for.
 *
 * Runs on all workers (the default pool).  Prints tasks per second.  The
 * same job is written by hand in sm.c (spawn) and in Go in go/bench.go. */
#include <asyncc.h>
#include "common.h"

static _Atomic long left;
static _Atomic long sink;
static ac_promise *done;

static async void small(long i) {
    await ac_yield();
    atomic_fetch_add_explicit(&sink, i & 7, memory_order_relaxed);
    if (atomic_fetch_sub_explicit(&left, 1, memory_order_acq_rel) == 1)
        ac_promise_set_void(done);
}

/* Every 128 spawns the spawner yields behind them, so that the run queue
 * stays bounded (as in limit.c and cpp/coro.cpp): the figure is the cost of
 * a spawn, not of a ring overflowing into the inject queue. */
static async void spawner(long n) {
    for (long i = 0; i < n; i++) {
        ac_detach(small(i));
        if ((i & 127) == 127)
            await ac_yield();
    }
}

/* Runs on a worker (ac_run), so the spawn loop does too.  (Hopping there
 * with `await ac_yield()` from main is not enough: when a worker runs the
 * yield task before main registers, the await continues inline on main,
 * and the whole loop then runs on main, pushing to the inject queue.) */
static void *start(void *n) {
    ac_detach(spawner((long)n));
    return NULL;
}

int main(int argc, char **argv) {
    long n = bench_arg(argc, argv, 1, 2000000);
    ac_start(NULL);
    ac_future(void) all;
    atomic_store(&left, n);
    done = ac_promise_new(&all);
    double t0 = bench_now_ns();
    ac_future(void *) started = ac_run(start, (void *)n);
    ac_wait(all);
    ac_wait(started);
    double t1 = bench_now_ns();
    printf("%.0f\n", n / ((t1 - t0) / 1e9));
    return ac_shutdown(1000) != 0;
}
