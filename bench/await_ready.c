/* await_ready.c (asyncc dialect) - metric 2: `await` of an already
 * completed future against reading a plain variable.
 *
 *   await_ready async N P   sum_ready: t += await fs[i] over N completed
 *                           futures, P passes (refilled between passes,
 *                           untimed: each future is consumed once)
 *   await_ready plain N P   sum_plain: t += vs[i] over N longs
 *   await_ready hand N P    sum_hand: t += ac_wait(fs[i]) in plain C,
 *                           whose inline expansion is the test of the
 *                           task and the value read: the least an await
 *                           of a completed future can cost
 *
 * Prints ns per element.  bench/run.sh counts instructions with callgrind
 * --toggle-collect=sum_ready / sum_plain / sum_hand (only inside those
 * functions) and divides by N*P; the difference is what one await adds.
 * The cooperative budget is not in this path (asyncc.h,
 * AC__AWAIT_SUSPENDS): sum_ready against sum_hand shows it.  The awaiting
 * loop runs in an async function, so `t` and `i` live in its frame, as in
 * real code (docs/lowering.md). */
#include <asyncc.h>
#include "common.h"
#include <string.h>

/* Completes synchronously: the way to make a completed future here. */
static async long ready(long v) {
    return v;
}

__attribute__((noipa)) static async long sum_ready(ac_future(long) *fs, long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += await fs[i];
    return t;
}

__attribute__((noipa)) static long sum_hand(ac_future(long) *fs, long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += ac_wait(fs[i]);     /* inline: the test of the task, the value */
    return t;
}

__attribute__((noipa)) static long sum_plain(const long *vs, long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += vs[i];
    return t;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "plain";
    int async_mode = strcmp(mode, "async") == 0, hand = strcmp(mode, "hand") == 0;
    long n = bench_arg(argc, argv, 2, 1000000);
    long passes = bench_arg(argc, argv, 3, 20);
    ac_future(long) *fs = malloc(n * sizeof *fs);
    long *vs = malloc(n * sizeof *vs);
    double ns = 0;
    long check = 0;
    for (long p = 0; p < passes; p++) {
        for (long i = 0; i < n; i++) {
            fs[i] = ready(i);
            vs[i] = i;
        }
        double t0 = bench_now_ns();
        check += async_mode ? ac_wait(sum_ready(fs, n))
                 : hand     ? sum_hand(fs, n)
                            : sum_plain(vs, n);
        ns += bench_now_ns() - t0;
    }
    if (check != passes * (n * (n - 1) / 2))
        return fprintf(stderr, "await_ready: wrong sum\n"), 1;
    printf("%.3f\n", ns / (n * passes));
    return ac_shutdown(1000) != 0;
}
