/* A promise completed by a thread the runtime did not create: the bridge
 * to callback APIs.  Eight tasks wait on eight promises set from eight
 * plain pthreads. */
#include <asyncc.h>
#include <pthread.h>
#include <stdio.h>

enum { N = 8 };

static ac_promise *promises[N];

static void *complete_later(void *arg) {
    long i = (long)arg;
    ac_promise_set_int(promises[i], (int)i * 10);
    return NULL;
}

static async int wait_one(ac_future(int) f) {
    int v = await f;
    await ac_yield();
    return v + 1;
}

static async int run(void) {
    ac_future(int) futs[N];
    ac_future(int) waiting[N];
    for (int i = 0; i < N; i++) {
        promises[i] = ac_promise_new(&futs[i]);
        waiting[i] = wait_one(futs[i]);
    }
    pthread_t th[N];
    for (long i = 0; i < N; i++)
        pthread_create(&th[i], NULL, complete_later, (void *)i);
    int sum = 0;
    for (int i = 0; i < N; i++)
        sum += await waiting[i];
    for (int i = 0; i < N; i++)
        pthread_join(th[i], NULL);
    return sum;
}

int main(void) {
    printf("%d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
