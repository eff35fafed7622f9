/* plain C driving async functions: ac_wait on completed and suspended
 * futures, futures stored in a plain array and waited in reverse order,
 * and ac_detach of a running task whose side effect is observed through
 * a promise it completes. */
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>

static atomic_int finished;

static async int work(int v, int yields) {
    for (int i = 0; i < yields; i++)
        await ac_yield();
    atomic_fetch_add(&finished, 1);
    return v * v;
}

static async void background(ac_promise *done, int *out) {
    await ac_delay(1);
    *out = await work(9, 3);
    ac_promise_set_void(done);
}

int main(void) {
    printf("sync %d\n", ac_wait(work(3, 0)));        /* completed future */
    printf("async %d\n", ac_wait(work(4, 5)));
    ac_future(int) futs[6];
    for (int i = 0; i < 6; i++)
        futs[i] = work(i, i % 3);
    int sum = 0;
    for (int i = 5; i >= 0; i--)
        sum += ac_wait(futs[i]);
    printf("sum %d\n", sum);
    ac_detach(work(100, 0));                          /* completed: nothing to free */
    ac_detach(work(100, 4));                          /* still running */
    int out = 0;
    ac_future(void) done;
    ac_promise *p = ac_promise_new(&done);
    ac_detach(background(p, &out));
    ac_wait(done);
    printf("background %d\n", out);
    printf("shutdown %ld finished %d\n", ac_shutdown(5000), atomic_load(&finished));
    return 0;
}
