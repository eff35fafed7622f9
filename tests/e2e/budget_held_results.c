/* Regression test (found by a hostile tester): an operation that
 * completes at once and spends the last unit of the cooperative budget
 * returns a "held" task instead of {NULL, value}.  Its effect already
 * happened (the mutex is taken, the value copied out), so everything that
 * looks at the future before awaiting it must see it complete:
 *   1. ac_when_any: a held ac_lock must win (lowest index first), not be
 *      detached with the mutex taken for good;
 *   2. ac_timeout(0, ac_chan_recv(...), NULL): a held receive is returned
 *      as it is, never raced against the timer and dropped;
 *   3. ac_wait of a held future in plain code running on a worker (an
 *      ac_run job) takes its value, where it used to abort ("ac_wait
 *      called on a pool worker");
 *   4. operations that complete at once with an error spend the budget
 *      too: a task looping on ac_delay_cancel with a cancelled token lets
 *      another task run (it used to spin until killed).
 * Each part runs for more than the budget's 128 operations, so a held
 * task meets each path several times. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ac_mutex m = AC_MUTEX_INIT;
static ac_event quit = AC_EVENT_INIT;
static ac_sem s = AC_SEM_INIT(1);
static _Atomic int done;

static async int lock_rounds(int rounds) {
    int won = 0;
    await ac_yield();
    await ac_event_wait(&quit, NULL);   /* an odd op: held ones fall on both */
    for (int i = 0; i < rounds; i++) {
        ac_future(int) fs[2] = {ac_lock(&m, NULL), ac_event_wait(&quit, NULL)};
        if (await ac_when_any(fs, 2) != 0)
            break;                      /* the event won: the lock is lost */
        won++;
        ac_unlock(&m);
    }
    return won;
}

static async long drain(ac_chan *ch, long n) {
    long in_order = 0, expect = 0;
    await ac_yield();
    for (long i = 0; i < n; i++) {
        long out = -1;
        if (await ac_timeout(0, ac_chan_recv(ch, &out, NULL), NULL) == 0 &&
            out == expect++)
            in_order++;
    }
    return in_order;
}

static void *sem_job(void *arg) {
    long ok = 0;
    for (long i = 0; i < (long)arg; i++) {
        ok += ac_wait(ac_sem_acquire(&s, NULL)) == 0;
        ac_sem_release(&s);
    }
    return (void *)ok;
}

static async long ticker(ac_cancel *cancelled) {
    long spins = 0;
    await ac_yield();
    while (!done && spins < 100000000) {
        await ac_delay_cancel(1000, cancelled);
        spins++;
    }
    return spins;
}

static async int finisher(void) {
    await ac_yield();
    done = 1;
    return 0;
}

int main(void) {
    const char *e = getenv("ASYNCC_WORKERS");
    if (!(e && strcmp(e, "0") == 0))
        ac_start(&(ac_config){.workers = 1});
    ac_event_set(&quit);

    int won = ac_wait(lock_rounds(1000));
    printf("when_any: the lock won %d of 1000 rounds, free after: %s\n", won,
           ac_trylock(&m) ? "yes" : "no");

    long n = 3000;
    ac_chan *ch = ac_chan_new(sizeof(long), (size_t)n);
    for (long i = 0; i < n; i++)
        ac_chan_try_send(ch, &i);
    printf("timeout: %ld of %ld values received in order\n", ac_wait(drain(ch, n)), n);
    ac_chan_free(ch);

    printf("ac_wait on a worker: %ld of 1000 acquired\n",
           (long)ac_wait(ac_run(sem_job, (void *)1000L)));

    ac_cancel *c = ac_cancel_new();
    ac_cancel_trigger(c);
    ac_future(long) t = ticker(c);
    ac_wait(finisher());
    long spins = ac_wait(t);
    printf("a cancelled delay in a loop lets others run: %s\n",
           spins < 100000000 ? "yes" : "no");
    ac_cancel_free(c);
    return ac_shutdown(1000) != 0;
}
