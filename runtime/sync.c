/* sync.c - between tasks: semaphore, mutex, event, channel.
 *
 * Every primitive keeps its waiters in a FIFO list of nodes under a small
 * spin lock (struct ac__waitq).  A node is the task of the future the
 * waiting call returned: { ac_task; int result; ... }, so the awaiting
 * task suspends on it like on any other task, and a worker never blocks.
 * A call that need not wait returns a completed future and allocates
 * nothing; the uncontended mutex is one CAS to lock and one to unlock
 * (inline, asyncc.h).
 *
 * A node's life (its `state`, under the primitive's lock):
 *   NEW     registered with its token, not yet queued
 *   QUEUED  in the list
 *   TAKEN   removed by a waker (the resource, a value or a close) or by
 *           the token's fn (a cancellation): whoever took it completes it.
 * The token's fn runs with the token's lock held and then takes the
 * primitive's lock; a waker never takes a token's lock while holding the
 * primitive's (it unregisters after unlocking, which waits out a running
 * fn), so the two locks are always taken in the order token, primitive.
 * A fn that finds the node NEW marks it `early`, and the queuing call
 * completes it with -ECANCELED instead of queuing it (timer.c does the
 * same).  So a waiter gets exactly one outcome: the resource or
 * -ECANCELED, never both, never neither.
 *
 * Fairness: a release hands the resource to the oldest waiter directly
 * (the semaphore's count stays 0 while anybody waits), so a newcomer
 * cannot overtake; the waiters bit in the semaphore's state word sends
 * every caller to the slow path while the list is non-empty. */
#include "internal.h"

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <string.h>

enum { NEW, QUEUED, TAKEN };

struct node {
    ac_task hdr;
    int result;                 /* AC__RESULT(int, node) */
    uint8_t state;              /* under the primitive's lock */
    bool early;                 /* cancelled while NEW; under the lock */
    struct node *next, *prev;
    struct ac__waitq *q;        /* the list it is (or was) queued on */
    struct ac__waitq *guard;    /* whose lock guards that list */
    void *owner;                /* the primitive, for the cancel fn */
    void (*removed)(void *owner); /* after a cancel unlinked it (locked) */
    void *buf;                  /* channel: the value to send / receive */
    unsigned gen;               /* ac_signal: deliveries counted before */
    ac_cancel *token;
    ac__cancel_reg reg;
};

/* {===== the lock and the list ===== */
static void qlock(struct ac__waitq *q)
{
    unsigned spins = 0;
    while (atomic_exchange_explicit(&q->ac__lock, 1, memory_order_acquire))
        while (atomic_load_explicit(&q->ac__lock, memory_order_relaxed))
            if (++spins % 64 == 0)
                sched_yield();
}

static void qunlock(struct ac__waitq *q)
{
    atomic_store_explicit(&q->ac__lock, 0, memory_order_release);
}

static void push(struct ac__waitq *q, struct node *n)
{
    n->next = NULL;
    n->prev = q->ac__tail;
    if (q->ac__tail)
        ((struct node *)q->ac__tail)->next = n;
    else
        q->ac__head = n;
    q->ac__tail = n;
    n->q = q;
    n->state = QUEUED;
}

static void unlink_node(struct ac__waitq *q, struct node *n)
{
    if (n->prev)
        n->prev->next = n->next;
    else
        q->ac__head = n->next;
    if (n->next)
        n->next->prev = n->prev;
    else
        q->ac__tail = n->prev;
    n->next = n->prev = NULL;
    n->state = TAKEN;
}

/* Takes the oldest waiter of q, or NULL. */
static struct node *pop(struct ac__waitq *q)
{
    struct node *n = q->ac__head;
    if (n)
        unlink_node(q, n);
    return n;
}
/* }===== */

/* {===== nodes ===== */
static void node_resume(ac_task *t)
{
    ac__panic("wait node %p scheduled: it has no code to run", (void *)t);
}

/* Completes a node taken by a waker, after the primitive's lock was
 * released (see the lock order above).  The awaiter is queued, never run
 * inside the call: the waker (ac_unlock, ac_event_set, ac_cancel_trigger
 * ...) may hold a lock of its own that the awaiter takes. */
static void wake(struct node *n, int result)
{
    ac__cancel_unregister(n->token, &n->reg);
    n->result = result;
    ac__task_complete_queued(&n->hdr);
}

static void on_cancel(ac__cancel_reg *reg)
{
    struct node *n = (struct node *)((char *)reg - offsetof(struct node, reg));
    bool mine = false;
    qlock(n->guard);
    if (n->state == NEW) {
        n->early = true;
    } else if (n->state == QUEUED) {
        unlink_node(n->q, n);
        if (n->removed)
            n->removed(n->owner);
        mine = true;
    }
    qunlock(n->guard);
    if (mine) {
        n->result = -ECANCELED;
        ac__task_complete_queued(&n->hdr);     /* reg is already unlinked */
    }
}

/* A node for a call that has to wait on q, registered with c; NULL (and
 * *now = -ECANCELED) if c is already cancelled.  The caller queues it with
 * q locked, after checking n->early. */
static struct node *node_new(struct ac__waitq *q, ac_cancel *c, void *owner,
                             void (*removed)(void *), const char *what,
                             const void *site, int *now)
{
    ac__pool_autostart();
    struct node *n = ac__mem_alloc_at(sizeof *n, site);
    n->hdr.resume = node_resume;
    atomic_init(&n->hdr.waiter, AC__WAITER_NONE);
    n->result = 0;
    n->state = NEW;
    n->early = false;
    n->next = n->prev = NULL;
    n->q = n->guard = q;
    n->owner = owner;
    n->removed = removed;
    n->buf = NULL;
    n->token = c;
    if (ac__cancel_register(c, &n->reg, on_cancel, what) < 0) {
        ac__mem_free(n);
        *now = -ECANCELED;
        return NULL;
    }
    return n;
}

/* With q locked: the node will not be queued after all (the resource came
 * free meanwhile, or it was cancelled while NEW).  Unlocks q, unregisters
 * and frees it; returns the call's result (value, or -ECANCELED), which
 * the caller returns through ac__coop_now_int. */
static int node_drop(struct ac__waitq *q, struct node *n, int value)
{
    bool early = n->early;
    qunlock(q);
    if (!early)
        ac__cancel_unregister(n->token, &n->reg);
    ac__mem_free(n);
    return early ? -ECANCELED : value;
}
/* }===== */

/* {===== semaphore and mutex ===== */
enum { WAITERS = 1, UNIT = 2 };

void ac_sem_init(ac_sem *s, unsigned long count)
{
    memset(s, 0, sizeof *s);
    atomic_init(&s->ac__state, (uintptr_t)count * UNIT);
}

bool ac_sem_try_acquire(ac_sem *s)
{
    uintptr_t v = atomic_load_explicit(&s->ac__state, memory_order_relaxed);
    while (!(v & WAITERS) && v >= UNIT)
        if (atomic_compare_exchange_weak_explicit(&s->ac__state, &v, v - UNIT,
                                                  memory_order_acquire,
                                                  memory_order_relaxed))
            return true;
    return false;
}

/* The last waiter went (cancelled): while WAITERS is set the count is 0
 * and only changed under the lock, so the word becomes 0. */
static void sem_no_waiters(void *owner)
{
    ac_sem *s = owner;
    if (!s->ac__q.ac__head)
        atomic_store_explicit(&s->ac__state, 0, memory_order_relaxed);
}

static ac_future_int sem_wait(ac_sem *s, ac_cancel *c, const char *what,
                              const void *site)
{
    if (ac_sem_try_acquire(s))
        return ac__coop_now_int(0);
    int now = 0;
    struct node *n = node_new(&s->ac__q, c, s, sem_no_waiters, what, site, &now);
    if (!n)
        return ac__coop_now_int(now);
    qlock(&s->ac__q);
    uintptr_t v = atomic_load_explicit(&s->ac__state, memory_order_relaxed);
    for (;;) {
        if (n->early)
            return ac__coop_now_int(node_drop(&s->ac__q, n, 0));
        if (!(v & WAITERS) && v >= UNIT) {
            if (atomic_compare_exchange_weak_explicit(
                    &s->ac__state, &v, v - UNIT, memory_order_acquire,
                    memory_order_relaxed))
                return ac__coop_now_int(node_drop(&s->ac__q, n, 0));
        } else if ((v & WAITERS) ||
                   atomic_compare_exchange_weak_explicit(
                       &s->ac__state, &v, v | WAITERS, memory_order_relaxed,
                       memory_order_relaxed)) {
            break;
        }
    }
    push(&s->ac__q, n);
    qunlock(&s->ac__q);
    return (ac_future_int){&n->hdr, 0};
}

ac_future_int ac_sem_acquire(ac_sem *s, ac_cancel *c)
{
    return sem_wait(s, c, "ac_sem_acquire", __builtin_return_address(0));
}

/* Hands a unit to the oldest waiter, or adds it to the count. */
static void sem_release(ac_sem *s)
{
    for (;;) {
        uintptr_t v = atomic_load_explicit(&s->ac__state, memory_order_relaxed);
        while (!(v & WAITERS))
            if (atomic_compare_exchange_weak_explicit(
                    &s->ac__state, &v, v + UNIT, memory_order_release,
                    memory_order_relaxed))
                return;
        qlock(&s->ac__q);
        struct node *n = pop(&s->ac__q);
        if (!n) {       /* the last waiter was cancelled meanwhile: the */
            qunlock(&s->ac__q);     /* bit is clear now (sem_no_waiters) */
            continue;
        }
        if (!s->ac__q.ac__head)
            atomic_store_explicit(&s->ac__state, 0, memory_order_relaxed);
        qunlock(&s->ac__q);
        wake(n, 0);
        return;
    }
}

void ac_sem_release(ac_sem *s)
{
    sem_release(s);
}

void ac_mutex_init(ac_mutex *m)
{
    ac_sem_init(&m->ac__sem, 1);
}

ac_future_int ac__lock_slow(ac_mutex *m, ac_cancel *c)
{
    return sem_wait(&m->ac__sem, c, "ac_lock", __builtin_return_address(0));
}

void ac__unlock_slow(ac_mutex *m)
{
    uintptr_t v = atomic_load_explicit(&m->ac__sem.ac__state, memory_order_relaxed);
    if (v >= UNIT)
        ac__panic("ac_unlock(%p): the mutex is not locked", (void *)m);
    sem_release(&m->ac__sem);
}
/* }===== */

/* {===== event ===== */
void ac_event_init(ac_event *e)
{
    memset(e, 0, sizeof *e);
}

bool ac_event_is_set(ac_event *e)
{
    return atomic_load_explicit(&e->ac__set, memory_order_acquire);
}

void ac_event_reset(ac_event *e)
{
    atomic_store_explicit(&e->ac__set, 0, memory_order_relaxed);
}

/* Wakes every waiter: the list is detached under the lock, and the nodes
 * completed after it (each is TAKEN, so a racing cancel leaves it). */
static void wake_all(struct ac__waitq *q, struct node *list, int result)
{
    (void)q;
    while (list) {
        struct node *next = list->next;
        wake(list, result);
        list = next;
    }
}

/* Detaches every node of q (locked) as a list linked by next. */
static struct node *take_all(struct ac__waitq *q)
{
    struct node *list = q->ac__head;
    for (struct node *n = list; n; n = n->next)
        n->state = TAKEN;
    q->ac__head = q->ac__tail = NULL;
    return list;
}

void ac_event_set(ac_event *e)
{
    if (atomic_load_explicit(&e->ac__set, memory_order_acquire))
        return;
    qlock(&e->ac__q);
    atomic_store_explicit(&e->ac__set, 1, memory_order_release);
    struct node *list = take_all(&e->ac__q);
    qunlock(&e->ac__q);
    wake_all(&e->ac__q, list, 0);
}

ac_future_int ac_event_wait(ac_event *e, ac_cancel *c)
{
    if (atomic_load_explicit(&e->ac__set, memory_order_acquire))
        return ac__coop_now_int(0);
    int now = 0;
    struct node *n = node_new(&e->ac__q, c, e, NULL, "ac_event_wait",
                              __builtin_return_address(0), &now);
    if (!n)
        return ac__coop_now_int(now);
    qlock(&e->ac__q);
    if (n->early || atomic_load_explicit(&e->ac__set, memory_order_acquire))
        return ac__coop_now_int(node_drop(&e->ac__q, n, 0));
    push(&e->ac__q, n);
    qunlock(&e->ac__q);
    return (ac_future_int){&n->hdr, 0};
}
/* }===== */

/* {===== channel ===== */
/* A ring of cap values, and two lists: receivers wait only while the ring
 * is empty and no sender waits; senders wait only while the ring is full
 * (cap 0: always full) and no receiver waits.  All under one lock (the
 * waitq of `recv`, which `send` shares). */
struct ac_chan {
    struct ac__waitq recv, send;    /* recv's lock guards everything */
    size_t esize, cap, head, len;
    bool closed;
    char ring[];
};

ac_chan *ac_chan_new(size_t elem_size, size_t capacity)
{
    if (elem_size == 0 ||
        (capacity && elem_size > (SIZE_MAX - sizeof(struct ac_chan)) / capacity))
        return NULL;
    ac_chan *ch = calloc(1, sizeof *ch + elem_size * capacity);
    if (!ch)
        return NULL;
    ch->esize = elem_size;
    ch->cap = capacity;
    return ch;
}

void ac_chan_free(ac_chan *ch)
{
    if (!ch)
        return;
    if (ch->recv.ac__head || ch->send.ac__head)
        ac__panic("ac_chan_free(%p): tasks still wait on the channel "
                  "(close it and let them finish first)", (void *)ch);
    free(ch);
}

/* The i-th buffered value (i < cap): no division on this path. */
static void *slot(ac_chan *ch, size_t i)
{
    size_t k = ch->head + i;
    if (k >= ch->cap)
        k -= ch->cap;
    return ch->ring + k * ch->esize;
}

/* With the lock held: one attempt.  0 done (*wake_n: a node to complete
 * with 0 after unlocking, or NULL), -EAGAIN would wait, -EPIPE closed. */
static int send_locked(ac_chan *ch, const void *elem, struct node **wake_n)
{
    *wake_n = NULL;
    if (ch->closed)
        return -EPIPE;
    struct node *r = pop(&ch->recv);
    if (r) {                        /* the ring is empty: hand it over */
        memcpy(r->buf, elem, ch->esize);
        *wake_n = r;
        return 0;
    }
    if (ch->len == ch->cap)
        return -EAGAIN;
    memcpy(slot(ch, ch->len), elem, ch->esize);
    ch->len++;
    return 0;
}

static int recv_locked(ac_chan *ch, void *out, struct node **wake_n)
{
    *wake_n = NULL;
    struct node *s = ch->send.ac__head;
    if (ch->len) {
        memcpy(out, slot(ch, 0), ch->esize);
        if (++ch->head == ch->cap)
            ch->head = 0;
        ch->len--;
        if (s) {                    /* the oldest sender fills the room */
            pop(&ch->send);
            memcpy(slot(ch, ch->len), s->buf, ch->esize);
            ch->len++;
            *wake_n = s;
        }
        return 0;
    }
    if (s) {                        /* rendezvous (cap 0) */
        pop(&ch->send);
        memcpy(out, s->buf, ch->esize);
        *wake_n = s;
        return 0;
    }
    return ch->closed ? -EPIPE : -EAGAIN;
}

int ac_chan_try_send(ac_chan *ch, const void *elem)
{
    struct node *w;
    qlock(&ch->recv);
    int r = send_locked(ch, elem, &w);
    qunlock(&ch->recv);
    if (w)
        wake(w, 0);
    return r;
}

int ac_chan_try_recv(ac_chan *ch, void *out)
{
    struct node *w;
    qlock(&ch->recv);
    int r = recv_locked(ch, out, &w);
    qunlock(&ch->recv);
    if (w)
        wake(w, 0);
    return r;
}

/* send or receive: one attempt, else a node queued on `q`. */
static ac_future_int chan_op(ac_chan *ch, void *buf, ac_cancel *c, bool send,
                             const void *site)
{
    struct node *w, *n = NULL;
    struct ac__waitq *q = send ? &ch->send : &ch->recv;
    for (;;) {
        qlock(&ch->recv);
        int r = n && n->early ? -ECANCELED
                : send        ? send_locked(ch, buf, &w)
                              : recv_locked(ch, buf, &w);
        if (r != -EAGAIN) {
            if (n) {
                node_drop(&ch->recv, n, 0);     /* unlocks */
            } else {
                qunlock(&ch->recv);
            }
            if (w)
                wake(w, 0);
            return ac__coop_now_int(r);
        }
        if (n) {
            n->q = q;
            n->buf = buf;
            push(q, n);
            qunlock(&ch->recv);
            return (ac_future_int){&n->hdr, 0};
        }
        qunlock(&ch->recv);
        int now = 0;
        n = node_new(&ch->recv, c, ch, NULL,
                     send ? "ac_chan_send" : "ac_chan_recv", site, &now);
        if (!n)
            return ac__coop_now_int(now);
    }
}

/* The common case first, without a node: the call need not wait. */
ac_future_int ac_chan_send(ac_chan *ch, const void *elem, ac_cancel *c)
{
    struct node *w;
    qlock(&ch->recv);
    int r = send_locked(ch, elem, &w);
    qunlock(&ch->recv);
    if (__builtin_expect(r != -EAGAIN, 1)) {
        if (w)
            wake(w, 0);
        return ac__coop_now_int(r);
    }
    return chan_op(ch, (void *)elem, c, true, __builtin_return_address(0));
}

ac_future_int ac_chan_recv(ac_chan *ch, void *out, ac_cancel *c)
{
    struct node *w;
    qlock(&ch->recv);
    int r = recv_locked(ch, out, &w);
    qunlock(&ch->recv);
    if (__builtin_expect(r != -EAGAIN, 1)) {
        if (w)
            wake(w, 0);
        return ac__coop_now_int(r);
    }
    return chan_op(ch, out, c, false, __builtin_return_address(0));
}

void ac_chan_close(ac_chan *ch)
{
    qlock(&ch->recv);
    ch->closed = true;
    struct node *senders = take_all(&ch->send);
    struct node *receivers = take_all(&ch->recv);   /* the ring is empty */
    qunlock(&ch->recv);
    wake_all(&ch->send, senders, -EPIPE);
    wake_all(&ch->recv, receivers, -EPIPE);
}

size_t ac_chan_len(ac_chan *ch)
{
    qlock(&ch->recv);
    size_t n = ch->len;
    qunlock(&ch->recv);
    return n;
}
/* }===== */

/* {===== timeout ===== */
/* ac_timeout: a join of two links, one awaiting the input, one a timer;
 * the first to settle wins (`winner`), and the result task (separate, so
 * that its consumer may free it while the loser's link still runs)
 * completes with the input's value or -ETIMEDOUT.  The loser is cancelled:
 * the timer stopped, or the user's token triggered (then the result waits
 * for the input to complete, so that its buffers are free); without a
 * token the result completes at the deadline and the input's value is
 * dropped when it comes.  The last link to run frees the join. */
struct tlink {
    ac_task hdr;
    struct tjoin *j;
};

struct tjoin {
    ac_task *result;            /* { ac_task; int or long } */
    ac_task *input, *timer;
    ac_cancel *c;
    bool wide;                  /* long result, else int */
    long late;                  /* the input's result when the timer won c */
    _Atomic int winner;         /* 0, INPUT or TIMER */
    _Atomic int links;
    struct tlink lin, ltm;
};

enum { INPUT = 1, TIMER = 2 };

static void put_result(struct tjoin *j, long v)
{
    if (j->wide)
        AC__RESULT(long, j->result) = v;
    else
        AC__RESULT(int, j->result) = (int)v;
    ac__task_complete_queued(j->result);
}

/* The timer task is freed with the join, not by its link: the input's
 * link may still be stopping it.  When the timer won and triggered the
 * user's token, the result completes here, once both links are done: not
 * before the timer's link has returned from ac_cancel_trigger, since the
 * awaiter may free the token as soon as it has the result (completing it
 * from the input's link let ac_cancel_trigger lock a freed token: a
 * hang, tests/e2e/sync_timeout_keeps_late_value.c). */
static void tjoin_release(struct tjoin *j)
{
    if (atomic_fetch_sub_explicit(&j->links, 1, memory_order_acq_rel) == 1) {
        if (j->c && atomic_load_explicit(&j->winner, memory_order_relaxed) == TIMER)
            put_result(j, j->late);
        ac__task_free(j->timer);
        ac__mem_free(j);
    }
}

static void input_resume(ac_task *self)
{
    struct tjoin *j = ((struct tlink *)self)->j;
    long v = j->wide ? AC__RESULT(long, j->input) : AC__RESULT(int, j->input);
    ac__task_free(j->input);
    int expect = 0;
    if (atomic_compare_exchange_strong(&j->winner, &expect, INPUT)) {
        put_result(j, v);
        ac__timer_stop(j->timer);       /* j lives until this link ends */
    } else if (j->c) {
        /* The timer won and triggered c, and the input ended after.  If
         * the cancellation came too late (the input had already taken the
         * lock or received the value), its value stands: a lock taken or
         * a value received is never reported as a timeout. */
        j->late = v == -ECANCELED ? -ETIMEDOUT : v;   /* tjoin_release puts it */
    }
    tjoin_release(j);
}

static void timer_link_resume(ac_task *self)
{
    struct tjoin *j = ((struct tlink *)self)->j;
    int expect = 0;
    if (atomic_compare_exchange_strong(&j->winner, &expect, TIMER)) {
        if (j->c)
            ac_cancel_trigger(j->c);    /* the input link completes it */
        else
            put_result(j, -ETIMEDOUT);
    }
    tjoin_release(j);
}

bool ac__sync_describe(const ac_task *t, size_t size, char *buf, size_t len,
                       uintptr_t *then)
{
    if (t->resume == input_resume || t->resume == timer_link_resume) {
        const ac_task *r = ((const struct tlink *)t)->j->result;
        snprintf(buf, len, "ac_timeout");
        *then = atomic_load_explicit(&r->waiter, memory_order_acquire);
        return true;
    }
    if (t->resume != node_resume)
        return false;
    /* ac_timeout's result shares node_resume but is a task and a value. */
    const struct node *n = (const struct node *)t;
    if (size < sizeof *n)
        snprintf(buf, len, "ac_timeout");
    else if (n->removed == sem_no_waiters)
        snprintf(buf, len, "a mutex or semaphore (ac_lock, ac_sem_acquire)");
    else if (!n->owner)
        snprintf(buf, len, "a signal (ac_signal)");
    else
        snprintf(buf, len, "an event or channel (ac_event_wait, ac_chan_send, ac_chan_recv)");
    return true;
}

static ac_task *timeout_start(uint64_t ms, ac_task *input, ac_cancel *c,
                              bool wide, const void *site)
{
    ac_future_int t = ac_delay_cancel(ms, NULL);
    if (!t.task)                        /* shutting down: no timer */
        return NULL;
    struct tjoin *j = ac__mem_alloc(sizeof *j);
    j->result = ac__mem_alloc_at(sizeof(ac_task) + sizeof(long), site);
    j->result->resume = node_resume;
    atomic_init(&j->result->waiter, AC__WAITER_NONE);
    j->input = input;
    j->timer = t.task;
    j->c = c;
    j->wide = wide;
    atomic_init(&j->winner, 0);
    atomic_init(&j->links, 2);
    j->lin = (struct tlink){{input_resume, AC__WAITER_NONE}, j};
    j->ltm = (struct tlink){{timer_link_resume, AC__WAITER_NONE}, j};
    ac_task *result = j->result;        /* j may be freed below */
    if (!ac__task_await(t.task, &j->ltm.hdr))
        timer_link_resume(&j->ltm.hdr);
    if (!ac__task_await(input, &j->lin.hdr))
        input_resume(&j->lin.hdr);
    return result;
}

ac_future_int ac__timeout_int(uint64_t ms, ac_future_int f, ac_cancel *c)
{
    if (!f.task || ac__task_done(f.task))
        return f;
    ac_task *r = timeout_start(ms, f.task, c, false, __builtin_return_address(0));
    return r ? (ac_future_int){r, 0} : f;
}

ac_future_long ac__timeout_long(uint64_t ms, ac_future_long f, ac_cancel *c)
{
    if (!f.task || ac__task_done(f.task))
        return f;
    ac_task *r = timeout_start(ms, f.task, c, true, __builtin_return_address(0));
    return r ? (ac_future_long){r, 0} : f;
}

ac_future_ssize_t ac__timeout_ssize_t(uint64_t ms, ac_future_ssize_t f,
                                      ac_cancel *c)
{
    _Static_assert(sizeof(ssize_t) == sizeof(long), "ssize_t is long");
    if (!f.task || ac__task_done(f.task))
        return f;
    ac_task *r = timeout_start(ms, f.task, c, true, __builtin_return_address(0));
    return r ? (ac_future_ssize_t){r, 0} : f;
}
/* }===== */

/* {===== signals ===== */
/* The handler only counts the delivery and wakes the poll step (an
 * eventfd write: async-signal-safe); the poll step (the poll token's holder, or the
 * single-threaded driver) completes the waiters.  A waiter completes on a
 * delivery counted after it was queued: it records the count when made,
 * and is completed at once if the count moved before it was queued. */
static struct {
    _Atomic unsigned delivered;
    bool installed;             /* under sig_lock */
    struct ac__waitq q;         /* guarded by sig_lock too, via qlock */
    unsigned seen;              /* the poll step's last look */
} sigs[NSIG];
static pthread_mutex_t sig_lock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic bool sig_any;
static _Atomic bool sig_closed;     /* ac_shutdown: no poll step any more */

void ac__signal_close(bool on)
{
    atomic_store_explicit(&sig_closed, on, memory_order_release);
    for (int s = 1; on && s < NSIG; s++) {
        qlock(&sigs[s].q);
        struct node *list = take_all(&sigs[s].q);
        qunlock(&sigs[s].q);
        wake_all(&sigs[s].q, list, -ECANCELED);
    }
}

static void on_signal(int signo)
{
    int saved = errno;
    atomic_fetch_add_explicit(&sigs[signo].delivered, 1, memory_order_relaxed);
    atomic_store_explicit(&sig_any, true, memory_order_release);
    ac__io_wake();
    errno = saved;
}

void ac__signal_poll(void)
{
    if (!atomic_exchange_explicit(&sig_any, false, memory_order_acquire))
        return;
    for (int s = 1; s < NSIG; s++) {
        unsigned d = atomic_load_explicit(&sigs[s].delivered, memory_order_relaxed);
        if (d == sigs[s].seen)
            continue;
        sigs[s].seen = d;
        struct node *list = NULL, **tail = &list;
        qlock(&sigs[s].q);
        for (struct node *n = sigs[s].q.ac__head, *next; n; n = next) {
            next = n->next;
            if ((int)(d - n->gen) > 0) {  /* made before a delivery */
                unlink_node(&sigs[s].q, n);
                *tail = n;
                tail = &n->next;
            }
        }
        qunlock(&sigs[s].q);
        wake_all(&sigs[s].q, list, s);
    }
}

static int install(int signo)
{
    pthread_mutex_lock(&sig_lock);
    int err = 0;
    if (!sigs[signo].installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_signal;
        sa.sa_flags = SA_RESTART;
        sigemptyset(&sa.sa_mask);
        if (sigaction(signo, &sa, NULL) < 0)
            err = -errno;
        else
            sigs[signo].installed = true;
    }
    pthread_mutex_unlock(&sig_lock);
    return err;
}

ac_future_int ac_signal(int signo, ac_cancel *c)
{
    if (signo <= 0 || signo >= NSIG || signo == SIGKILL || signo == SIGSTOP)
        return ac__coop_now_int(-EINVAL);
    if (atomic_load_explicit(&sig_closed, memory_order_acquire))
        return ac__coop_now_int(-ECANCELED);   /* shut down */
    int err = install(signo);
    if (err)
        return ac__coop_now_int(err);
    unsigned gen = atomic_load_explicit(&sigs[signo].delivered, memory_order_relaxed);
    int now = 0;
    struct node *n = node_new(&sigs[signo].q, c, NULL, NULL, "ac_signal",
                              __builtin_return_address(0), &now);
    if (!n)
        return ac__coop_now_int(now);
    qlock(&sigs[signo].q);
    if (n->early)
        return ac__coop_now_int(node_drop(&sigs[signo].q, n, 0));
    if (atomic_load_explicit(&sigs[signo].delivered, memory_order_relaxed) != gen)
        return ac__coop_now_int(node_drop(&sigs[signo].q, n, signo));    /* it came already */
    n->gen = gen;
    push(&sigs[signo].q, n);
    qunlock(&sigs[signo].q);
    return (ac_future_int){&n->hdr, 0};
}
/* }===== */
