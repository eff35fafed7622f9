/* Regression (a hostile review): a primitive's waker resumed the waiting
 * task inside the call.  ac_event_set / ac_sem_release / ac_unlock under a
 * pthread mutex that the waiter takes next deadlocked, and so did a
 * waiter that frees its token after ac_cancel_trigger woke it (the
 * timeout pattern of docs/sync.md).  Wakers now queue the awaiter. */
#include <asyncc.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static ac_event ev = AC_EVENT_INIT;
static ac_sem sem = AC_SEM_INIT(0);
static ac_mutex m = AC_MUTEX_INIT;
static int shared;

static async int waiter(int mode) {
    if (mode == 0)
        await ac_event_wait(&ev, NULL);
    else if (mode == 1)
        await ac_sem_acquire(&sem, NULL);
    else
        await ac_lock(&m, NULL);
    pthread_mutex_lock(&mu);
    int v = shared;
    pthread_mutex_unlock(&mu);
    if (mode == 2)
        ac_unlock(&m);
    return v;
}

static async void waker(int mode) {
    await ac_yield();                   /* on a worker */
    pthread_mutex_lock(&mu);
    shared = 40 + mode;
    if (mode == 0)
        ac_event_set(&ev);
    else if (mode == 1)
        ac_sem_release(&sem);
    else
        ac_unlock(&m);
    pthread_mutex_unlock(&mu);
}

/* The timeout pattern: the lock is held elsewhere, so the timer wins,
 * triggers c, and the woken lock waiter's continuation frees c. */
static async int lock_within(uint64_t ms) {
    ac_cancel *c = ac_cancel_new();
    int r = await ac_timeout(ms, ac_lock(&m, c), c);
    ac_cancel_free(c);
    return r;
}

int main(void) {
    for (int mode = 0; mode < 3; mode++) {
        if (mode == 2)
            ac_trylock(&m);
        ac_future(int) w = waiter(mode);
        ac_wait(waker(mode));
        printf("mode %d: %d\n", mode, ac_wait(w));
    }
    ac_trylock(&m);
    printf("timeout: %s\n", ac_wait(lock_within(5)) == -ETIMEDOUT ? "-ETIMEDOUT" : "?");
    ac_unlock(&m);
    return ac_shutdown(1000) != 0;
}
