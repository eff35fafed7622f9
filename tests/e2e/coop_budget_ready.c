/* The cooperative budget is spent by every operation of the runtime that
 * completes at once, not only by I/O (coop_budget.c): a free mutex, a
 * free semaphore, a set event, a channel with room and then a value, and
 * an await of a completed task (a promise already set).  For
 * each kind in turn, one greedy task loops on that operation alone and
 * must still let an ac_delay(10) continuation run on its worker (one
 * worker here; single-threaded too), long before its own 10 s deadline.
 * Without the budget in that operation the greedy task never returns to
 * the scheduler and the continuation runs only when it gives up.  Every
 * value still arrives (the counts), through the task an operation returns
 * when it spends the last unit.  Awaits of {NULL, value} futures that
 * never enter the runtime (an async function that returned at once) spend
 * nothing: like a loop of plain calls, a loop of them alone keeps its
 * worker (docs/runtime.md). */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum kind { LOCK, SEM, EVENT, CHAN, PROMISE, KINDS };
static const char *const kind_name[KINDS] = {"mutex", "semaphore", "event",
                                             "channel", "completed task"};

static _Atomic bool stop;
static ac_mutex mutex = AC_MUTEX_INIT;
static ac_sem sem = AC_SEM_INIT(1);
static ac_event event = AC_EVENT_INIT;
static ac_chan *chan;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* One operation of kind k that completes at once: 1 when it did. */
static async long once(enum kind k) {
    int v = 7;
    switch (k) {
    case LOCK:
        if (await ac_lock(&mutex, NULL) != 0)
            return 0;
        ac_unlock(&mutex);
        return 1;
    case SEM:
        if (await ac_sem_acquire(&sem, NULL) != 0)
            return 0;
        ac_sem_release(&sem);
        return 1;
    case EVENT:
        return await ac_event_wait(&event, NULL) == 0;
    case CHAN:
        if (await ac_chan_send(chan, &v, NULL) != 0)
            return 0;
        v = 0;
        return await ac_chan_recv(chan, &v, NULL) == 0 && v == 7;
    default: {
        ac_future(long) f;
        ac_promise *p = ac_promise_new(&f);
        ac_promise_set_long(p, 1);
        return await f;           /* an already completed task */
    }
    }
}

static async long greedy(enum kind k, double deadline, long *rounds) {
    long n = 0, i = 0;
    await ac_yield();                 /* onto the pool; from here on, greedy */
    while (!stop && now_ms() < deadline) {
        n += await once(k);
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
    chan = ac_chan_new(sizeof(int), 1);
    ac_event_set(&event);
    bool all = true;
    for (enum kind k = 0; k < KINDS; k++) {
        stop = false;
        double t0 = now_ms();
        long rounds = 0;
        ac_future(long) g = greedy(k, t0 + 10000, &rounds);
        nanosleep(&(struct timespec){0, 20000000}, NULL); /* the task runs */
        double late = ac_wait(delayed(now_ms()));
        long sum = ac_wait(g);
        bool ok = late < 2000 && rounds > 0 && sum == rounds;
        printf("%s: delay continuation ran within 2 s, every value arrived: %s\n",
               kind_name[k], ok ? "yes" : "no");
        if (!ok)
            fprintf(stderr, "%s: continuation after %.0f ms, %ld of %ld\n",
                    kind_name[k], late, sum, rounds);
        all &= ok;
    }
    ac_chan_free(chan);
    return ac_shutdown(1000) != 0 || !all;
}
