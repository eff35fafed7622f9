/* common.h - helpers shared by the C benchmarks in bench/ (plain C, also
 * included by dialect files): a monotonic clock, the resident set size, and
 * the one-argument convention (the iteration count N, so that callgrind can
 * be run at N and 2N and the fixed costs cancel out). */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static inline double bench_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* Resident set size in bytes, from /proc/self/statm. */
static inline long bench_rss(void)
{
    long pages = 0, rss = 0;
    FILE *f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld %ld", &pages, &rss) != 2)
        rss = 0;
    if (f)
        fclose(f);
    return rss * sysconf(_SC_PAGESIZE);
}

/* argv[i] as a count, or `dflt`. */
static inline long bench_arg(int argc, char **argv, int i, long dflt)
{
    return argc > i ? atol(argv[i]) : dflt;
}
#endif
