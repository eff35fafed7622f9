/* timers fire in deadline order: tasks started together with delays of
 * 60, 20 and 40 ms record the order they finish in (a lock-free append,
 * deadlines 20 ms apart); sequential delays take at least their sum; and
 * ac_delay(0) completes. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

static atomic_int slot;
static int order[3];

static long now_ms(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static async void sleeper(int ms) {
    await ac_delay((uint64_t)ms);
    order[atomic_fetch_add(&slot, 1)] = ms;
}

static async int zero_delay(int v) {
    await ac_delay(0);
    return v + 1;
}

static async int run(void) {
    ac_future(void) f[3];
    f[0] = sleeper(60);
    f[1] = sleeper(20);
    f[2] = sleeper(40);
    await ac_when_all(f, 3);
    for (int i = 0; i < 3; i++)
        await f[i];
    printf("order %d %d %d\n", order[0], order[1], order[2]);
    long t0 = now_ms();
    for (int i = 0; i < 5; i++)
        await ac_delay(6);
    long el = now_ms() - t0;
    printf("sequential at least 30ms: %d\n", el >= 30);
    int z = 0;
    for (int i = 0; i < 10; i++)
        z = await zero_delay(z);
    printf("zero delays %d\n", z);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
