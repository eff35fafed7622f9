/* suspend.c (asyncc dialect) - metric 3: suspend + resume through the pool.
 *
 *   suspend yield N   one task awaits ac_yield() N times: each await
 *                     suspends, the yield task is scheduled, completes and
 *                     schedules the task again, which resumes
 *                     (suspend_resume_*)
 *   suspend child N   a parent awaits N times a child async function that
 *                     itself suspends once on ac_yield(): the child's frame
 *                     is boxed and freed each time, and the child's
 *                     completion resumes the parent
 *                     (await_suspending_child_*)
 *
 * Prints ns per iteration.  The pool has ONE worker (ac_start), like the
 * single-threaded C++, Go (GOMAXPROCS=1) and Node baselines, so that the
 * figure is the cost of the mechanism, not of cross-core traffic.
 * bench/run.sh runs it under callgrind at N and 2N for instructions. */
#include <asyncc.h>
#include "common.h"
#include <string.h>

static async long yield_loop(long n) {
    for (long i = 0; i < n; i++)
        await ac_yield();
    return n;
}

static async long child(long i) {
    await ac_yield();
    return i & 1;
}

static async long parent(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += await child(i);
    return t;
}

int main(int argc, char **argv) {
    int child_mode = argc > 1 && strcmp(argv[1], "child") == 0;
    long n = bench_arg(argc, argv, 2, 2000000);
    ac_start(&(ac_config){.workers = 1});
    double t0 = bench_now_ns();
    long r = child_mode ? ac_wait(parent(n)) : ac_wait(yield_loop(n));
    double t1 = bench_now_ns();
    if (r != (child_mode ? n / 2 : n))
        return fprintf(stderr, "suspend: wrong result %ld\n", r), 1;
    printf("%.3f\n", (t1 - t0) / n);
    return ac_shutdown(1000) != 0;
}
