/* cancellation tokens with ac_delay_cancel: a delay cancelled while it
 * waits completes with -ECANCELED long before its time, one started with
 * an already cancelled token completes at once with -ECANCELED, an
 * uncancelled one completes with 0, and one token cancels many delays. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <time.h>

static long ms_since(const struct timespec *t0) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static async void canceller(ac_cancel *c, int ms) {
    await ac_delay((uint64_t)ms);
    ac_cancel_trigger(c);
}

static async int sleeper(ac_cancel *c) {
    return await ac_delay_cancel(10000, c);
}

static async int run(void) {
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ac_cancel *c = ac_cancel_new();
    ac_future(void) k = canceller(c, 20);
    int r = await ac_delay_cancel(10000, c);
    await k;
    long el = ms_since(&t0);
    printf("cancelled %d early %d requested %d\n", r == -ECANCELED, el < 5000,
           ac_cancel_requested(c));
    int again = await ac_delay_cancel(10000, c);
    printf("already cancelled %d\n", again == -ECANCELED);
    ac_cancel_free(c);

    ac_cancel *fresh = ac_cancel_new();
    int ok = await ac_delay_cancel(5, fresh);
    printf("elapsed %d requested %d\n", ok, ac_cancel_requested(fresh));

    ac_future(int) many[5];
    for (int i = 0; i < 5; i++)
        many[i] = sleeper(fresh);
    await ac_yield();
    ac_cancel_trigger(fresh);
    ac_cancel_trigger(fresh);              /* idempotent */
    int n = 0;
    for (int i = 0; i < 5; i++)
        n += await many[i] == -ECANCELED;
    printf("many cancelled %d fast %d\n", n, ms_since(&t0) < 5000);
    ac_cancel_free(fresh);
    return 0;
}

int main(void) {
    ac_wait(run());
    printf("shutdown %ld\n", ac_shutdown(5000));
    return 0;
}
