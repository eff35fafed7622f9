/* test_sync.c - mutex, semaphore, event, channel, ac_timeout, ac_signal:
 * tasks suspend (never block a worker), FIFO order, cancellation, on the
 * pool and single-threaded.
 *
 * The tasks are "scripts": one hand-lowered async function,
 *     async int script(struct script *s)
 *     { while (!s->done) s->last = await s->step(s); return s->last; }
 * whose step callback (plain C) returns the next future to await, so each
 * test writes its task as a small state machine on s->pc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lowered.h"

struct script;
typedef ac_future_int (*step_fn)(struct script *s);

struct script {
    ac_task hdr;
    int result;
    ac_task *awaiting;
    step_fn step;
    int pc, last, id;
    bool done;
    long i, v;
    void *ctx;
    char buf[32];
};

static ac_future_int yield_int(void)   /* await ac_yield() in a step */
{
    return (ac_future_int){&ac__yield_task, 0};
}

static void script_run(struct script *s)
{
    for (;;) {
        ac_future_int f = s->step(s);
        if (s->done) {
            s->result = s->last;
            ac__task_complete(&s->hdr);
            return;
        }
        if (!f.task) {
            s->last = f.value;
            continue;
        }
        s->awaiting = f.task;
        if (ac__task_await(f.task, &s->hdr))
            return;
        s->last = f.task == &ac__yield_task ? 0 : AC__RESULT(int, f.task);
        ac__task_free(f.task);
    }
}

static void script_resume(ac_task *t)
{
    struct script *s = (struct script *)t;
    s->last = s->awaiting == &ac__yield_task ? 0 : AC__RESULT(int, s->awaiting);
    ac__task_free(s->awaiting);
    script_run(s);
}

/* Starts a script (its first step runs now, on this thread). */
static ac_future_int script(step_fn step, void *ctx, int id)
{
    struct script *s = ac__frame_alloc(sizeof *s);
    memset(s, 0, sizeof *s);
    s->hdr.resume = script_resume;
    atomic_init(&s->hdr.waiter, AC__WAITER_NONE);
    s->step = step;
    s->ctx = ctx;
    s->id = id;
    script_run(s);
    return (ac_future_int){&s->hdr, 0};
}

static ac_future_int done(struct script *s, int value)
{
    s->done = true;
    s->last = value;
    return (ac_future_int){NULL, value};
}

static uint64_t live(void)
{
    ac_stats st;
    ac_stats_get(&st);
    return st.live;
}

static uint64_t allocated(void)
{
    ac_stats st;
    ac_stats_get(&st);
    return st.allocated;
}

static int start_multi(void **state)
{
    (void)state;
    return ac_start(&(ac_config){.workers = 2});
}

static int start_single(void **state)
{
    (void)state;
    return ac_start(&(ac_config){.single_threaded = true});
}

/* ---- mutex ---- */
static void sync_uncontended_lock_allocates_nothing(void **state)
{
    (void)state;
    ac_mutex m = AC_MUTEX_INIT;
    uint64_t before = allocated();
    for (int i = 0; i < 1000; i++) {
        ac_future_int f = ac_lock(&m, NULL);
        assert_null(f.task);
        assert_int_equal(f.value, 0);
        assert_false(ac_trylock(&m));
        ac_unlock(&m);
    }
    assert_true(ac_trylock(&m));
    ac_unlock(&m);
    assert_int_equal(allocated(), before);
}

/* lock; v = *counter; await ac_yield(); *counter = v + 1; unlock: the
 * yield inside the critical section lets the other tasks run, so a
 * mutex that did not exclude would lose increments. */
struct counter_ctx {
    ac_mutex m;
    long counter, iters;
};

static ac_future_int locker_step(struct script *s)
{
    struct counter_ctx *c = s->ctx;
    switch (s->pc) {
    case 0:
        if (s->i == c->iters)
            return done(s, 0);
        s->pc = 1;
        return ac_lock(&c->m, NULL);
    case 1:
        s->v = c->counter;
        s->pc = 2;
        return yield_int();
    default:
        c->counter = s->v + 1;
        ac_unlock(&c->m);
        s->i++;
        s->pc = 0;
        return (ac_future_int){NULL, 0};
    }
}

static void sync_mutex_excludes_across_awaits(void **state)
{
    (void)state;
    uint64_t base = live();
    struct counter_ctx c = {.m = AC_MUTEX_INIT, .iters = 500};
    ac_future_int fs[8];
    for (int i = 0; i < 8; i++)
        fs[i] = script(locker_step, &c, i);
    for (int i = 0; i < 8; i++)
        assert_int_equal(ac_wait(fs[i]), 0);
    assert_int_equal(c.counter, 8 * 500);
    assert_true(ac_trylock(&c.m));
    assert_int_equal(live(), base);
}

/* Waiters queued in order get the lock in that order (a plain thread
 * holds it meanwhile). */
struct order_ctx {
    ac_mutex m;
    ac_sem sem;
    ac_cancel *cancel;
    char trace[64];
    _Atomic int len;
};

static ac_future_int ordered_step(struct script *s)
{
    struct order_ctx *c = s->ctx;
    switch (s->pc) {
    case 0:
        s->pc = 1;
        return ac_lock(&c->m, s->id == 2 ? c->cancel : NULL);
    default:
        if (s->last == -ECANCELED)
            return done(s, -ECANCELED);
        c->trace[atomic_fetch_add(&c->len, 1)] = (char)('0' + s->id);
        ac_unlock(&c->m);
        return done(s, 0);
    }
}

static void sync_mutex_waiters_are_fifo_and_cancellable(void **state)
{
    (void)state;
    struct order_ctx c = {.m = AC_MUTEX_INIT, .cancel = ac_cancel_new()};
    assert_int_equal(ac_wait(ac_lock(&c.m, NULL)), 0);
    ac_future_int fs[5];
    for (int i = 0; i < 5; i++)
        fs[i] = script(ordered_step, &c, i);
    ac_cancel_trigger(c.cancel);          /* waiter 2 leaves the queue */
    assert_int_equal(ac_wait(fs[2]), -ECANCELED);
    ac_unlock(&c.m);
    for (int i = 0; i < 5; i++)
        if (i != 2)
            assert_int_equal(ac_wait(fs[i]), 0);
    assert_string_equal(c.trace, "0134");
    assert_true(ac_trylock(&c.m));        /* free: nobody holds it */
    ac_unlock(&c.m);
    ac_cancel_free(c.cancel);
}

static void unlock_unlocked(void)
{
    ac_mutex m = AC_MUTEX_INIT;
    ac_unlock(&m);
}

static void sync_unlock_of_unlocked_mutex_aborts(void **state)
{
    (void)state;
    char buf[2048];
    int st = run_in_child(unlock_unlocked, buf, sizeof buf, 10);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "ac_unlock"));
    assert_non_null(strstr(buf, "not locked"));
}

/* ---- semaphore ---- */
struct sem_ctx {
    ac_sem sem;
    _Atomic int active, max;
};

static ac_future_int sem_step(struct script *s)
{
    struct sem_ctx *c = s->ctx;
    switch (s->pc) {
    case 0:
        s->pc = 1;
        return ac_sem_acquire(&c->sem, NULL);
    case 1: {
        int a = atomic_fetch_add(&c->active, 1) + 1;
        int m = atomic_load(&c->max);
        while (a > m && !atomic_compare_exchange_weak(&c->max, &m, a))
            ;
        s->pc = 2;
        return yield_int();
    }
    case 2:
        s->pc = 3;
        return yield_int();
    default:
        atomic_fetch_sub(&c->active, 1);
        ac_sem_release(&c->sem);
        if (++s->i < 20) {
            s->pc = 0;
            return (ac_future_int){NULL, 0};
        }
        return done(s, 0);
    }
}

static void sync_semaphore_limits_concurrency(void **state)
{
    (void)state;
    uint64_t base = live();
    struct sem_ctx c = {.sem = AC_SEM_INIT(3)};
    ac_future_int fs[10];
    for (int i = 0; i < 10; i++)
        fs[i] = script(sem_step, &c, i);
    for (int i = 0; i < 10; i++)
        assert_int_equal(ac_wait(fs[i]), 0);
    assert_true(atomic_load(&c.max) <= 3);  /* never more than 3 inside */
    if (ac_workers() == 0)                  /* single: all 3 reach it */
        assert_int_equal(atomic_load(&c.max), 3);
    for (int i = 0; i < 3; i++)
        assert_true(ac_sem_try_acquire(&c.sem));
    assert_false(ac_sem_try_acquire(&c.sem));
    assert_int_equal(live(), base);
}

static void sync_semaphore_cancel_keeps_count(void **state)
{
    (void)state;
    ac_sem s;
    ac_sem_init(&s, 0);
    ac_cancel *c = ac_cancel_new();
    ac_future_int a = ac_sem_acquire(&s, c);
    ac_future_int b = ac_sem_acquire(&s, NULL);
    assert_non_null(a.task);
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(a), -ECANCELED);
    ac_sem_release(&s);                   /* to b, not to a */
    assert_int_equal(ac_wait(b), 0);
    assert_false(ac_sem_try_acquire(&s));
    ac_sem_release(&s);
    assert_true(ac_sem_try_acquire(&s));
    /* An already cancelled token only matters if the call must wait. */
    ac_future_int d = ac_sem_acquire(&s, c);
    assert_null(d.task);
    assert_int_equal(d.value, -ECANCELED);
    ac_cancel_free(c);
}

/* ---- event ---- */
static void sync_event_wakes_every_waiter(void **state)
{
    (void)state;
    ac_event e = AC_EVENT_INIT;
    ac_future_int fs[5];
    for (int i = 0; i < 5; i++) {
        fs[i] = ac_event_wait(&e, NULL);
        assert_non_null(fs[i].task);
    }
    assert_false(ac_event_is_set(&e));
    ac_event_set(&e);
    for (int i = 0; i < 5; i++)
        assert_int_equal(ac_wait(fs[i]), 0);
    ac_future_int now = ac_event_wait(&e, NULL);
    assert_null(now.task);                /* set: no waiting */
    ac_event_reset(&e);
    ac_cancel *c = ac_cancel_new();
    ac_future_int later = ac_event_wait(&e, c);
    assert_non_null(later.task);
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(later), -ECANCELED);
    ac_cancel_free(c);
}

/* ---- channel ---- */
struct item {
    long seq;
    int producer;
    char pad[20];                         /* any size: 32 bytes here */
};

struct chan_ctx {
    ac_chan *ch;
    long per_producer;
    _Atomic long received, sum;
    _Atomic int order_errors;
};

static ac_future_int producer_step(struct script *s)
{
    struct chan_ctx *c = s->ctx;
    struct item *it = (struct item *)s->buf;
    if (s->pc == 1 && s->last != 0)
        return done(s, s->last);
    if (s->i == c->per_producer)
        return done(s, 0);
    *it = (struct item){.seq = s->i++, .producer = s->id};
    s->pc = 1;
    return ac_chan_send(c->ch, it, NULL);   /* it lives in the frame */
}

static ac_future_int consumer_step(struct script *s)
{
    struct chan_ctx *c = s->ctx;
    struct item *it = (struct item *)s->buf;
    if (s->pc == 1) {
        if (s->last == -EPIPE)
            return done(s, 0);
        assert_int_equal(s->last, 0);
        /* One producer, one consumer: in the order sent. */
        atomic_fetch_add(&c->received, 1);
        atomic_fetch_add(&c->sum, it->seq);
        if (s->id == -1 && it->seq != s->v++)
            atomic_fetch_add(&c->order_errors, 1);
    }
    s->pc = 1;
    return ac_chan_recv(c->ch, it, NULL);
}

static void run_channel(size_t cap, int producers, int consumers, long per)
{
    uint64_t base = live();
    struct chan_ctx c = {.ch = ac_chan_new(sizeof(struct item), cap),
                         .per_producer = per};
    assert_non_null(c.ch);
    ac_future_int ps[4], cs[4];
    for (int i = 0; i < consumers; i++)
        cs[i] = script(consumer_step, &c, consumers == 1 ? -1 : i);
    for (int i = 0; i < producers; i++)
        ps[i] = script(producer_step, &c, i);
    for (int i = 0; i < producers; i++)
        assert_int_equal(ac_wait(ps[i]), 0);
    ac_chan_close(c.ch);
    for (int i = 0; i < consumers; i++)
        assert_int_equal(ac_wait(cs[i]), 0);
    assert_int_equal(atomic_load(&c.received), producers * per);
    assert_int_equal(atomic_load(&c.sum), producers * (per * (per - 1) / 2));
    assert_int_equal(atomic_load(&c.order_errors), 0);
    assert_int_equal(ac_chan_len(c.ch), 0);
    ac_chan_free(c.ch);
    assert_int_equal(live(), base);
}

static void sync_channel_delivers_in_order(void **state)
{
    (void)state;
    run_channel(4, 1, 1, 2000);
}

static void sync_channel_mpmc_delivers_each_value_once(void **state)
{
    (void)state;
    run_channel(8, 3, 3, 2000);
}

static void sync_channel_rendezvous_delivers(void **state)
{
    (void)state;
    run_channel(0, 2, 2, 500);
}

static void sync_channel_close_and_cancel(void **state)
{
    (void)state;
    ac_chan *ch = ac_chan_new(sizeof(int), 1);
    int one = 1, two = 2, out = 0;
    assert_int_equal(ac_chan_try_send(ch, &one), 0);
    assert_int_equal(ac_chan_try_send(ch, &two), -EAGAIN);
    ac_future_int blocked = ac_chan_send(ch, &two, NULL);   /* full */
    assert_non_null(blocked.task);
    ac_cancel *c = ac_cancel_new();
    ac_future_int cancelled = ac_chan_send(ch, &two, c);
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(cancelled), -ECANCELED);
    assert_int_equal(ac_wait(ac_chan_recv(ch, &out, NULL)), 0);
    assert_int_equal(out, 1);
    assert_int_equal(ac_wait(blocked), 0);  /* moved into the room */
    ac_chan_close(ch);
    assert_int_equal(ac_wait(ac_chan_send(ch, &one, NULL)), -EPIPE);
    assert_int_equal(ac_wait(ac_chan_recv(ch, &out, NULL)), 0);
    assert_int_equal(out, 2);               /* buffered values drain */
    assert_int_equal(ac_wait(ac_chan_recv(ch, &out, NULL)), -EPIPE);
    assert_int_equal(ac_chan_try_recv(ch, &out), -EPIPE);
    ac_chan_free(ch);
    /* Close wakes waiting receivers. */
    ch = ac_chan_new(sizeof(int), 2);
    ac_future_int r = ac_chan_recv(ch, &out, NULL);
    assert_non_null(r.task);
    ac_chan_close(ch);
    assert_int_equal(ac_wait(r), -EPIPE);
    ac_chan_free(ch);
    ac_cancel_free(c);
    assert_null(ac_chan_new(0, 4));
}

/* ---- ac_timeout ---- */
static void *set_later(void *arg)
{
    usleep(20000);
    ac_promise_set_int(arg, 7);
    return NULL;
}

static void sync_timeout_gives_value_or_etimedout(void **state)
{
    (void)state;
    uint64_t base = live();
    /* The future wins: its value; the timer is stopped. */
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    pthread_t th;
    pthread_create(&th, NULL, set_later, pr);
    assert_int_equal(ac_wait(ac_timeout(10000, p, NULL)), 7);
    pthread_join(th, NULL);
    /* The time wins, with a token: the read is cancelled and has
     * completed by the time the result does. */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    char buf[8];
    ac_cancel *c = ac_cancel_new();
    ac_future_ssize_t r = ac_timeout(20, ac_read(fds[0], buf, sizeof buf, c), c);
    assert_int_equal(ac_wait(r), -ETIMEDOUT);
    assert_true(ac_cancel_requested(c));
    ac_cancel_free(c);                      /* nothing holds it any more */
    /* The time wins, no token: at the deadline; the promise runs on. */
    ac_future_long q;
    ac_promise *qr = ac_promise_new(&q);
    assert_int_equal(ac_wait(ac_timeout(10, q, NULL)), -ETIMEDOUT);
    ac_promise_set_long(qr, 1);
    /* Already completed: returned as it is. */
    ac_future_int ready = ac_timeout(10, ((ac_future_int){NULL, 3}), NULL);
    assert_null(ready.task);
    assert_int_equal(ready.value, 3);
    ac_close(fds[0]);
    ac_close(fds[1]);
    for (int i = 0; i < 500 && live() != base; i++) {
        ac_wait(ac_yield());              /* single mode: run the links */
        usleep(1000);
    }
    assert_int_equal(live(), base);
}

/* ---- ac_signal ---- */
static void *kill_later(void *arg)
{
    usleep(20000);
    kill(getpid(), *(int *)arg);
    return NULL;
}

static void sync_signal_completes_on_delivery(void **state)
{
    (void)state;
    int sig = SIGINT;                       /* would kill the process */
    ac_future_int f = ac_signal(SIGINT, NULL);
    assert_non_null(f.task);
    pthread_t th;
    pthread_create(&th, NULL, kill_later, &sig);
    /* TSan runs a handler only when the thread it interrupted next enters
     * an intercepted call (not the raw futex of ac_wait): poll, in a way
     * that also drives the single-threaded pool. */
    while (!ac__task_done(f.task))
        ac_wait(ac_delay(1));
    assert_int_equal(ac_wait(f), SIGINT);
    pthread_join(th, NULL);
    /* A delivery before the call does not complete it. */
    ac_cancel *c = ac_cancel_new();
    ac_future_int g = ac_signal(SIGINT, c);
    assert_non_null(g.task);
    usleep(20000);
    assert_false(ac__task_done(g.task));
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(g), -ECANCELED);
    ac_cancel_free(c);
    assert_int_equal(ac_wait(ac_signal(SIGKILL, NULL)), -EINVAL);
    assert_int_equal(ac_wait(ac_signal(0, NULL)), -EINVAL);
}

/* A thread waiting on a signal is woken by ac_shutdown with -ECANCELED
 * (nothing polls for deliveries after it), like timer and I/O waiters;
 * a new ac_signal then completes at once.  It used to block forever. */
static void *wait_signal(void *arg)
{
    *(int *)arg = ac_wait(ac_signal(SIGUSR1, NULL));
    return NULL;
}

static void sync_signal_waiter_cancelled_by_shutdown(void **state)
{
    (void)state;
    int got = 1;
    pthread_t th;
    pthread_create(&th, NULL, wait_signal, &got);
    usleep(20000);
    ac_shutdown(10);
    pthread_join(th, NULL);
    assert_int_equal(got, -ECANCELED);
    assert_int_equal(ac_wait(ac_signal(SIGUSR1, NULL)), -ECANCELED);
}

/* ---- cancellation racing hand-off ----
 * Tasks lock with a fresh token each time while a foreign thread triggers
 * tokens at random: every lock either succeeds (and is counted and
 * released) or gives -ECANCELED, never both, never neither; at the end
 * the mutex is free and nothing leaked. */
enum { RACERS = 4, RACE_ITERS = 1000 };

struct race_ctx {
    ac_mutex m;
    ac_cancel *tokens[RACERS][RACE_ITERS];
    long counter;
    _Atomic long locked, cancelled;
    _Atomic bool stop;
};

static ac_future_int racer_step(struct script *s)
{
    struct race_ctx *c = s->ctx;
    switch (s->pc) {
    case 0:
        if (s->i == RACE_ITERS)
            return done(s, 0);
        s->pc = 1;
        return ac_lock(&c->m, c->tokens[s->id][s->i]);
    case 1:
        s->i++;
        if (s->last == -ECANCELED) {
            atomic_fetch_add(&c->cancelled, 1);
            s->pc = 0;
            return (ac_future_int){NULL, 0};
        }
        atomic_fetch_add(&c->locked, 1);
        s->v = c->counter;
        s->pc = 2;
        return yield_int();
    default:
        c->counter = s->v + 1;
        ac_unlock(&c->m);
        s->pc = 0;
        return (ac_future_int){NULL, 0};
    }
}

static void *canceller(void *arg)
{
    struct race_ctx *c = arg;
    uint32_t x = 12345;
    while (!atomic_load(&c->stop)) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        ac_cancel_trigger(c->tokens[x % RACERS][(x >> 8) % RACE_ITERS]);
        if (x % 16 == 0)
            usleep(10);
    }
    return NULL;
}

static void sync_lock_cancellation_races_hand_off(void **state)
{
    (void)state;
    uint64_t base = live();
    struct race_ctx *c = calloc(1, sizeof *c);
    ac_mutex_init(&c->m);
    for (int i = 0; i < RACERS; i++)
        for (int j = 0; j < RACE_ITERS; j++) {
            c->tokens[i][j] = ac_cancel_new();
            if (j % 4 == 3)                 /* cancelled before use */
                ac_cancel_trigger(c->tokens[i][j]);
        }
    pthread_t th;
    pthread_create(&th, NULL, canceller, c);
    ac_future_int fs[RACERS];
    for (int i = 0; i < RACERS; i++)
        fs[i] = script(racer_step, c, i);
    for (int i = 0; i < RACERS; i++)
        assert_int_equal(ac_wait(fs[i]), 0);
    atomic_store(&c->stop, true);
    pthread_join(th, NULL);
    assert_int_equal(c->counter, atomic_load(&c->locked));
    assert_int_equal(atomic_load(&c->locked) + atomic_load(&c->cancelled),
                     RACERS * RACE_ITERS);
    assert_true(ac_trylock(&c->m));
    if (ac_workers() == 0)                  /* waits certainly happened */
        assert_true(atomic_load(&c->cancelled) > 0);
    printf("# %ld locked, %ld cancelled\n", atomic_load(&c->locked),
           atomic_load(&c->cancelled));
    for (int i = 0; i < RACERS; i++)
        for (int j = 0; j < RACE_ITERS; j++)
            ac_cancel_free(c->tokens[i][j]);
    free(c);
    assert_int_equal(live(), base);
}

#define BOTH(fn)                                                           \
    cmocka_unit_test_setup_teardown(fn, start_multi, stop_pool),           \
    cmocka_unit_test_setup_teardown(fn, start_single, stop_pool)

int main(void)
{
    const struct CMUnitTest tests[] = {
        BOTH(sync_uncontended_lock_allocates_nothing),
        BOTH(sync_mutex_excludes_across_awaits),
        BOTH(sync_mutex_waiters_are_fifo_and_cancellable),
        cmocka_unit_test(sync_unlock_of_unlocked_mutex_aborts),
        BOTH(sync_semaphore_limits_concurrency),
        BOTH(sync_semaphore_cancel_keeps_count),
        BOTH(sync_event_wakes_every_waiter),
        BOTH(sync_channel_delivers_in_order),
        BOTH(sync_channel_mpmc_delivers_each_value_once),
        BOTH(sync_channel_rendezvous_delivers),
        BOTH(sync_channel_close_and_cancel),
        BOTH(sync_timeout_gives_value_or_etimedout),
        BOTH(sync_signal_completes_on_delivery),
        BOTH(sync_signal_waiter_cancelled_by_shutdown),
        BOTH(sync_lock_cancellation_races_hand_off),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    return rc;
}
