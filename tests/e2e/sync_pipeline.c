/* Tasks between tasks: producers feed a bounded channel, consumers add
 * into a total under an async mutex, a semaphore bounds the consumers
 * inside, an event starts everybody at once, and ac_timeout bounds a
 * receive on an empty channel. */
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

struct item { int value; char tag[12]; };

static ac_chan *queue;
static ac_mutex total_lock = AC_MUTEX_INIT;
static ac_sem inside = AC_SEM_INIT(2);
static ac_event go = AC_EVENT_INIT;
static long total;
static int items;

static async int producer(int first, int n) {
    await ac_event_wait(&go, NULL);
    for (int i = 0; i < n; i++) {
        struct item it = {first + i, "item"};
        if (await ac_chan_send(queue, &it, NULL) != 0)
            return -1;
    }
    return 0;
}

static async int consumer(void) {
    await ac_event_wait(&go, NULL);
    struct item it;
    while (await ac_chan_recv(queue, &it, NULL) == 0) {
        await ac_sem_acquire(&inside, NULL);
        await ac_lock(&total_lock, NULL);
        long t = total;
        await ac_yield();
        total = t + it.value;
        items++;
        ac_unlock(&total_lock);
        ac_sem_release(&inside);
    }
    return 0;
}

static async int bounded_receive(void) {
    ac_chan *empty = ac_chan_new(sizeof(int), 1);
    ac_cancel *c = ac_cancel_new();
    int v;
    int r = await ac_timeout(10, ac_chan_recv(empty, &v, c), c);
    ac_cancel_free(c);
    ac_chan_free(empty);
    return r;
}

int main(void) {
    queue = ac_chan_new(sizeof(struct item), 4);
    ac_future(int) ps[3], cs[3];
    for (int i = 0; i < 3; i++)
        cs[i] = consumer();
    for (int i = 0; i < 3; i++)
        ps[i] = producer(1 + 100 * i, 100);
    ac_event_set(&go);
    ac_wait(ac_when_all(ps, 3));
    ac_chan_close(queue);
    ac_wait(ac_when_all(cs, 3));
    printf("items %d, total %ld\n", items, total);
    int r = ac_wait(bounded_receive());
    printf("empty receive: %s\n", r == -ETIMEDOUT ? "timed out" : "?");
    ac_chan_free(queue);
    return ac_shutdown(UINT64_MAX) != 0;
}
