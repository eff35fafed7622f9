/* A task whose awaits keep completing synchronously must not starve the
 * others (SPEC.md section 5, issue 15): with as many such greedy tasks as
 * workers (2 workers; 1 when single-threaded), each looping on an await of
 * an already completed promise and on a write and a read of its own pipe
 * that always succeed at once, an ac_delay(10) continuation still runs,
 * and well before the greedy tasks' own 10 s deadline.  Without the
 * cooperative budget the greedy tasks never return to the scheduler: the
 * timer's continuation waits in the inject queue (single-threaded: the
 * timer is never even polled) until they give up. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static _Atomic bool stop;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static async int completed_promise(void) {
    ac_future(int) f;
    ac_promise *p = ac_promise_new(&f);
    ac_promise_set_int(p, 1);
    return await f;               /* already completed: no suspension */
}

static async long greedy(int rd, int wr, double deadline) {
    long n = 0;
    char c = 'x';
    await ac_yield();             /* onto the pool; from here on, greedy */
    while (!stop && now_ms() < deadline) {
        n += await completed_promise();
        n += await ac_write(wr, &c, 1, NULL);
        n += await ac_read(rd, &c, 1, NULL);
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
    bool single = e && strcmp(e, "0") == 0;
    if (!single)
        ac_start(&(ac_config){.workers = 2});
    int n = single ? 1 : 2;
    ac_future(long) g[2];
    int fds[2][2];
    double t0 = now_ms();
    for (int i = 0; i < n; i++) {
        if (pipe(fds[i]) != 0 || ac_set_nonblocking(fds[i][0]) != 0 ||
            ac_set_nonblocking(fds[i][1]) != 0)
            return perror("pipe"), 1;
        g[i] = greedy(fds[i][0], fds[i][1], t0 + 10000);
    }
    nanosleep(&(struct timespec){0, 20000000}, NULL); /* greedy tasks run */
    double late = ac_wait(delayed(now_ms()));
    long spins = 0;
    for (int i = 0; i < n; i++)
        spins += ac_wait(g[i]);
    printf("delay continuation ran within 2 s: %s\n", late < 2000 ? "yes" : "no");
    printf("greedy tasks made progress: %s\n", spins > 0 ? "yes" : "no");
    if (late >= 2000)
        fprintf(stderr, "ac_delay(10) continuation ran after %.0f ms\n", late);
    for (int i = 0; i < n; i++)
        close(fds[i][0]), close(fds[i][1]);
    return ac_shutdown(1000) != 0;
}
