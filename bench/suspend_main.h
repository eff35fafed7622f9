/* suspend_main.h - the driver that suspend.c (generated code) and sm.c
 * (the same state machines by hand) share, so that both are measured the
 * same way: on a pool of ONE worker (BENCH_POOL=1 in the environment: the
 * default pool, one worker per CPU), mode "yield" (the default), "child",
 * "child_ext" (a child that cannot be embedded) or "pingpong", N
 * iterations; prints ns per iteration, or fails on a wrong result.  `who`
 * names the program in messages. */
#ifndef BENCH_SUSPEND_MAIN_H
#define BENCH_SUSPEND_MAIN_H
#include <asyncc.h>
#include <string.h>
#include "common.h"

typedef struct {
    ac_future_long (*yield_loop)(long n);   /* returns n */
    ac_future_long (*parent)(long n);       /* returns n / 2 */
    ac_future_long (*parent_ext)(long n);   /* the same, child not embedded */
    ac_future_long (*ping)(void);           /* returns the messages sent */
    ac_future_long (*pong)(long n);         /* answers n messages */
} bench_suspend_fns;

static inline int bench_suspend_main(const char *who, const char *mode, long n,
                                     bench_suspend_fns fns)
{
    const char *pool = getenv("BENCH_POOL");
    ac_start(pool && *pool == '1' ? NULL : &(ac_config){.workers = 1});
    if (strcmp(mode, "pingpong") == 0) {
        double t0 = bench_now_ns();
        ac_future_long b = fns.pong(n / 2);
        long sent = ac_wait(fns.ping());
        long got = ac_wait(b);
        double t1 = bench_now_ns();
        if (sent != n / 2 || got != n / 2)
            return fprintf(stderr, "%s: pingpong %ld %ld\n", who, sent, got), 1;
        printf("%.3f\n", (t1 - t0) / (n / 2 * 2));
        return ac_shutdown(1000) != 0;
    }
    int child_mode = strncmp(mode, "child", 5) == 0;
    double t0 = bench_now_ns();
    long r = strcmp(mode, "child_ext") == 0 ? ac_wait(fns.parent_ext(n))
             : child_mode                  ? ac_wait(fns.parent(n))
                                           : ac_wait(fns.yield_loop(n));
    double t1 = bench_now_ns();
    if (r != (child_mode ? n / 2 : n))
        return fprintf(stderr, "%s: wrong result %ld\n", who, r), 1;
    printf("%.3f\n", (t1 - t0) / n);
    return ac_shutdown(1000) != 0;
}
#endif
