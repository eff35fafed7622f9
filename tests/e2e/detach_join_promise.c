/* fire and forget: 200 detached tasks each suspend a few times and count
 * down an atomic counter; the last one completes a promise that main
 * joins on.  Also a detached task that awaits the promise of another. */
#include <asyncc.h>
#include <stdatomic.h>
#include <stdio.h>

#define N 200

static atomic_int remaining = N;
static atomic_long total;
static ac_promise *all_done;

static async void worker(int id) {
    for (int i = 0; i < id % 4 + 1; i++)
        await ac_yield();
    atomic_fetch_add(&total, id);
    if (atomic_fetch_sub(&remaining, 1) == 1)
        ac_promise_set_int(all_done, id);     /* last one: value unspecified */
}

static async void relay(ac_future(int) in, ac_promise *out) {
    int v = await in;
    await ac_yield();
    ac_promise_set_int(out, v + 1);
}

int main(void) {
    ac_future(int) joined;
    all_done = ac_promise_new(&joined);
    for (int i = 0; i < N; i++)
        ac_detach(worker(i));
    (void)ac_wait(joined);
    printf("total %ld remaining %d\n", atomic_load(&total), atomic_load(&remaining));

    ac_future(int) a;
    ac_future(int) b;
    ac_promise *pa = ac_promise_new(&a);
    ac_promise *pb = ac_promise_new(&b);
    ac_detach(relay(a, pb));
    ac_promise_set_int(pa, 41);
    printf("relay %d\n", ac_wait(b));
    printf("shutdown %ld\n", ac_shutdown(5000));
    return 0;
}
