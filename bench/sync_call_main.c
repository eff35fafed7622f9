/* sync_call_main.c (plain C) - metric 1: an async call that completes
 * synchronously against a plain non-inlined C call doing the same work
 * (the callees are in sync_call.c, lowered by asyncc).
 *
 *   sync_call async N   N calls of `async long work_async(long, long)`
 *   sync_call plain N   N calls of `long work_plain(long, long)`
 *   sync_call wait N    N calls of work_async whose value plain C takes
 *                       with ac_wait (the future is completed: wait_ready_*)
 *
 * Prints "<ns per call> <heap allocations per call>"; allocations come
 * from ac_stats_get and must be 0.  bench/run.sh times it (median of
 * several runs) and runs it under callgrind at N and 2N: the difference
 * divided by N is the instructions per call, loop included. */
#include <asyncc.h>
#include "common.h"
#include <string.h>

ac_future_long work_async(long a, long b);
long work_plain(long a, long b);

__attribute__((noipa)) static long loop_async(long n) {
    long t = 0;
    for (long i = 0; i < n; i++) {
        ac_future_long f = work_async(i, t);
        if (__builtin_expect(f.task != NULL, 0))
            abort();              /* never: it completed synchronously */
        t = f.value;
    }
    return t;
}

__attribute__((noipa)) static long loop_wait(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t = ac_wait(work_async(i, t));
    return t;
}

__attribute__((noipa)) static long loop_plain(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t = work_plain(i, t);
    return t;
}

int main(int argc, char **argv) {
    int async_mode = argc > 1 && strcmp(argv[1], "async") == 0;
    int wait_mode = argc > 1 && strcmp(argv[1], "wait") == 0;
    long n = bench_arg(argc, argv, 2, 100000000);
    ac_stats s0, s1;
    ac_stats_get(&s0);
    double t0 = bench_now_ns();
    long r = async_mode ? loop_async(n) : wait_mode ? loop_wait(n) : loop_plain(n);
    double t1 = bench_now_ns();
    ac_stats_get(&s1);
    if (r == 42)
        puts("");                 /* keeps r alive */
    printf("%.3f %.3f\n", (t1 - t0) / n, (double)(s1.allocated - s0.allocated) / n);
    return 0;
}
