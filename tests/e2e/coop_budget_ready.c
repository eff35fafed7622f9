/* The cooperative budget also counts awaits of futures that completed
 * synchronously without entering the runtime ({NULL, value}: an async
 * function that returned at once, or a completed future written by hand):
 * a task in an endless loop of such awaits must still let a timer's
 * continuation run on its worker (one worker here; single-threaded too).
 * Without the count in AC__AWAIT_SUSPENDS the greedy task never returns
 * to the scheduler: the ac_delay(10) continuation runs only when it gives
 * up, at its 10 s deadline.  Every value still arrives (the sum).  The C
 * compiler may know that the first two futures are {NULL, ...} (the
 * ramp of next() inlined, a literal); the third comes through a volatile
 * pointer to a plain function, so the generated test cannot be folded and
 * takes its general path (on x86-64 one comparison for the task and the
 * count, asyncc.h).  The fourth is a completed task (a frame boxed for an
 * escaping local): its await counts too, so the count can run out there
 * and must then be spent at the next completed future. */
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

async int next(int x) {               /* completes at once: {NULL, x + 1} */
    return x + 1;
}

static async void nothing(void) {
}

static ac_future(long) completed(long v) {
    return (ac_future(long)){NULL, v};
}
static ac_future(long) (*volatile opaque)(long) = completed;

static void touch(long *p) {
    *p += 1;
}

/* &x escapes and lives across an await that never runs: the frame is
 * allocated up front, and the function returns it as a completed task
 * (not static: its ramp is not inline, the task not known to be there). */
async long boxed(long v) {
    long x = v;
    touch(&x);
    if (v < 0)
        await ac_yield();
    return x - 1;
}

static async long greedy(double deadline, long *rounds) {
    long n = 0, i = 0;
    await ac_yield();                 /* onto the pool; from here on, greedy */
    while (!stop && now_ms() < deadline) {
        n += await next(0);
        n += await (ac_future(long)){NULL, 2};
        await nothing();
        n += await opaque(4);
        n += await boxed(8);
        i++;
    }
    *rounds = i;
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
    long rounds = 0;
    ac_future(long) g = greedy(t0 + 10000, &rounds);
    nanosleep(&(struct timespec){0, 20000000}, NULL); /* the greedy task runs */
    double late = ac_wait(delayed(now_ms()));
    long sum = ac_wait(g);
    printf("delay continuation ran within 2 s: %s\n", late < 2000 ? "yes" : "no");
    printf("every value arrived: %s\n", rounds > 0 && sum == 15 * rounds ? "yes" : "no");
    if (late >= 2000)
        fprintf(stderr, "ac_delay(10) continuation ran after %.0f ms\n", late);
    return ac_shutdown(1000) != 0;
}
