/* timer.c - ac_delay: a binary min-heap of deadlines.
 *
 * The heap is shared (one mutex) and run by io.c's poll step, by whoever
 * holds the poll token (a parked worker in epoll_wait, a busy worker at
 * the inject queue's turn, the I/O thread when a timer is due and nobody
 * else polled), or by the driving thread in single-threaded mode; a
 * delay never blocks a worker.  Ties break by insertion
 * order (libuv's start_id), so equal delays fire in the order made.
 *
 * Cancellation race.  Whoever removes a timer from the heap owns its
 * completion: the poll step (fires with 0) or the token's fn (-ECANCELED),
 * both under `lock`.  The timer registers with its token before it enters
 * the heap, so a fn running before the insertion only marks it
 * (`cancel_early`) and the inserting call completes it at once instead.
 * The poll step unregisters before completing: that waits out a running
 * fn, which therefore never touches a freed timer. */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

struct timer {
    ac_task hdr;
    int result;                 /* ac_delay_cancel's value */
    uint64_t deadline;          /* CLOCK_MONOTONIC ns */
    uint64_t seq;
    size_t index;               /* in heap, or NOT_IN_HEAP; under lock */
    bool inserted;              /* has entered the heap; under lock */
    bool cancel_early;          /* fn ran before insertion; under lock */
    ac_cancel *token;
    ac__cancel_reg reg;
};

enum { NOT_IN_HEAP = -1 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct timer **heap;
static size_t len, cap;
static uint64_t next_seq;
static _Atomic long pending;    /* made and not yet completed */

/* {===== heap ===== */
static bool before(const struct timer *a, const struct timer *b)
{
    return a->deadline != b->deadline ? a->deadline < b->deadline
                                      : a->seq < b->seq;
}

static void place(struct timer *t, size_t i)
{
    heap[i] = t;
    t->index = i;
}

static void sift_up(size_t i)
{
    struct timer *t = heap[i];
    while (i > 0 && before(t, heap[(i - 1) / 2])) {
        place(heap[(i - 1) / 2], i);
        i = (i - 1) / 2;
    }
    place(t, i);
}

static void sift_down(size_t i)
{
    struct timer *t = heap[i];
    for (;;) {
        size_t c = 2 * i + 1;
        if (c >= len)
            break;
        if (c + 1 < len && before(heap[c + 1], heap[c]))
            c++;
        if (!before(heap[c], t))
            break;
        place(heap[c], i);
        i = c;
    }
    place(t, i);
}

static void heap_insert(struct timer *t)
{
    if (len == cap) {
        cap = cap ? cap * 2 : 64;
        heap = realloc(heap, cap * sizeof *heap);
        if (!heap)
            ac__panic("out of memory (timer heap)");
    }
    heap[len] = t;
    t->index = len++;
    sift_up(t->index);
}

static void heap_remove(struct timer *t)
{
    size_t i = t->index;
    struct timer *last = heap[--len];
    t->index = (size_t)NOT_IN_HEAP;
    if (i == len)
        return;
    place(last, i);
    sift_up(i);
    sift_down(last->index);
}
/* }===== */

static void finish(struct timer *t, int result)
{
    t->result = result;
    ac__task_complete_queued(&t->hdr);
    atomic_fetch_sub(&pending, 1);  /* after: shutdown sees the task queued */
}

static void on_cancel(ac__cancel_reg *reg)
{
    struct timer *t = (struct timer *)((char *)reg - offsetof(struct timer, reg));
    bool mine = false;
    pthread_mutex_lock(&lock);
    if (!t->inserted)
        t->cancel_early = true;
    else if (t->index != (size_t)NOT_IN_HEAP)
        heap_remove(t), mine = true;
    pthread_mutex_unlock(&lock);
    if (mine)
        finish(t, -ECANCELED);
}

static void timer_resume(ac_task *t)
{
    ac__panic("timer %p scheduled: it has no code to run", (void *)t);
}

static _Atomic bool closing;    /* ac_shutdown: no timer may wait now */

static ac_future_int start(uint64_t ms, ac_cancel *c, const void *site)
{
    if (ac_cancel_requested(c) || atomic_load(&closing))
        return ac__coop_now_int(-ECANCELED);
    ac__pool_autostart();
    struct timer *t = ac__mem_alloc_at(sizeof *t, site);
    t->hdr.resume = timer_resume;
    atomic_init(&t->hdr.waiter, AC__WAITER_NONE);
    t->result = 0;
    t->index = (size_t)NOT_IN_HEAP;
    t->inserted = t->cancel_early = false;
    t->token = c;
    if (ac__cancel_register(c, &t->reg, on_cancel, "ac_delay_cancel") < 0) {
        ac__mem_free(t);
        return ac__coop_now_int(-ECANCELED);
    }
    uint64_t span = ms > UINT64_MAX / 2000000 ? UINT64_MAX / 2 : ms * 1000000;
    pthread_mutex_lock(&lock);
    bool early = t->cancel_early;
    bool first = false;
    if (!early) {
        t->deadline = ac__now_ns() + span;
        t->seq = next_seq++;
        t->inserted = true;
        atomic_fetch_add(&pending, 1);
        heap_insert(t);
        first = t->index == 0;
    }
    pthread_mutex_unlock(&lock);
    if (early) {                    /* fn already ran and unlinked reg */
        ac__mem_free(t);
        return ac__coop_now_int(-ECANCELED);
    }
    if (first)
        ac__io_timer_added();       /* the pollers' timeouts got shorter */
    return (ac_future_int){&t->hdr, 0};
}

ac_future_void ac_delay(uint64_t ms)
{
    ac_future_int f = start(ms, NULL, __builtin_return_address(0));
    return (ac_future_void){f.task};
}

ac_future_int ac_delay_cancel(uint64_t ms, ac_cancel *c)
{
    return start(ms, c, __builtin_return_address(0));
}

int ac__timer_timeout(void)
{
    pthread_mutex_lock(&lock);
    int ms = -1;
    if (len) {
        uint64_t now = ac__now_ns(), d = heap[0]->deadline;
        uint64_t wait = d > now ? (d - now + 999999) / 1000000 : 0;
        ms = wait > 60000 ? 60000 : (int)wait;
    }
    pthread_mutex_unlock(&lock);
    return ms;
}

void ac__timer_run_expired(void)
{
    uint64_t now = ac__now_ns();
    for (;;) {
        pthread_mutex_lock(&lock);
        struct timer *t = NULL;
        if (len && heap[0]->deadline <= now) {
            t = heap[0];
            heap_remove(t);
        }
        pthread_mutex_unlock(&lock);
        if (!t)
            return;
        ac__cancel_unregister(t->token, &t->reg);
        finish(t, 0);
    }
}

long ac__timer_pending(void)
{
    return atomic_load(&pending);
}

void ac__timer_close(bool on)
{
    atomic_store(&closing, on);
    if (!on)
        return;
    for (;;) {
        pthread_mutex_lock(&lock);
        struct timer *t = len ? heap[0] : NULL;
        if (t)
            heap_remove(t);
        pthread_mutex_unlock(&lock);
        if (!t)
            return;
        ac__cancel_unregister(t->token, &t->reg);
        finish(t, -ECANCELED);
    }
}

void ac__timer_stop(ac_task *task)
{
    struct timer *t = (struct timer *)task;
    bool mine = false;
    pthread_mutex_lock(&lock);
    if (t->inserted && t->index != (size_t)NOT_IN_HEAP)
        heap_remove(t), mine = true;
    pthread_mutex_unlock(&lock);
    if (mine) {
        ac__cancel_unregister(t->token, &t->reg);
        finish(t, -ECANCELED);
    }
}

bool ac__timer_describe(const ac_task *task, char *buf, size_t len)
{
    if (task->resume != timer_resume)
        return false;
    const struct timer *t = (const struct timer *)task;
    int64_t left = (int64_t)(t->deadline - ac__now_ns()) / 1000000;
    if (!t->inserted)
        snprintf(buf, len, "a timer (ac_delay)");
    else if (left >= 0)
        snprintf(buf, len, "a timer (ac_delay), due in %lld ms", (long long)left);
    else
        snprintf(buf, len, "a timer (ac_delay), due %lld ms ago", (long long)-left);
    return true;
}
