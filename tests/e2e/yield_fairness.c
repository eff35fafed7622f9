/* A task that does nothing but `await ac_yield()` keeps its worker's back
 * slot busy: the yield's common case is inline (ac__yield_push) and the
 * worker takes the task back without counting a poll, so the inject
 * queue's turn (timers, I/O, other threads' tasks) comes from the count
 * the yield itself spends.  One worker here (and single-threaded): an
 * ac_delay(10) continuation must still run within a bounded number of
 * yields; without the count it would wait for the yielder's 10 s
 * deadline. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static _Atomic bool stop;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static async long yielder(double deadline) {
    long n = 0;
    await ac_yield();                 /* onto the pool */
    while (!stop && now_ms() < deadline) {
        await ac_yield();
        n++;
    }
    return n;
}

static async double delayed(double t0) {
    await ac_delay(10);
    stop = true;
    return now_ms() - t0;
}

int main(void) {
    const char *e = getenv("ASYNCC_WORKERS");
    if (!(e && strcmp(e, "0") == 0))
        ac_start(&(ac_config){.workers = 1});
    double t0 = now_ms();
    ac_future(long) y = yielder(t0 + 10000);
    nanosleep(&(struct timespec){0, 20000000}, NULL); /* the yielder runs */
    double late = ac_wait(delayed(now_ms()));
    long n = ac_wait(y);
    printf("delay continuation ran within 2 s: %s\n", late < 2000 ? "yes" : "no");
    printf("the yielder yielded: %s\n", n > 0 ? "yes" : "no");
    if (late >= 2000)
        fprintf(stderr, "ac_delay(10) continuation ran after %.0f ms\n", late);
    return ac_shutdown(1000) != 0;
}
