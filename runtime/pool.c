/* pool.c - the scheduler: workers, run queues, parking, ac_wait.
 *
 * Tokio's design, in C.  Each worker owns
 *   - a LIFO slot: the task just made runnable by the running task (its
 *     awaiter, usually) runs next while its data is hot; at most LIFO_MAX
 *     times in a row, so that two tasks waking each other cannot starve the
 *     queue.  The slot cannot be stolen (tokio#4941): a worker blocked in
 *     plain code delays that one task.
 *   - a back slot: a task queued at the back (a yield) while the ring is
 *     empty, kept private so that a lone yielding task costs no atomic
 *     read-modify-write; see push_local for why it is safe.  It also
 *     says whether the ring is known to be empty (NULL) or may hold tasks
 *     (RING_USED), so that a yield needs no look at the ring; the common
 *     case of a yield is inline in the generated code (ac__yield_push).
 *   - a 256-slot ring: the owner pushes at tail and pops at head; thieves
 *     take half of it by copying slots and then moving head with a CAS (Go's
 *     runqgrab).  Slots are relaxed atomics: a thief may read a slot that
 *     the owner is rewriting, but then head has moved and its CAS fails.
 *     A full ring moves half of itself to the inject queue.
 * and all share the inject queue (a mutex-protected ring buffer), where
 * threads that are not workers (the I/O thread, promise producers) put
 * tasks.  A worker checks it every GLOBAL_INTERVAL polls even when busy
 * (a countdown, not a division), else only when its own queues are empty,
 * before stealing.
 *
 * Sleeping: a worker with nothing to do announces itself in `sleepers`,
 * looks at every queue once more, and waits in epoll_wait if no other
 * thread polls (the poll token, io.c; see park), else on the `wake_seq`
 * futex.  A producer publishes its task (ring tail or inject count), then
 * reads `sleepers` (and wakes one only if no wake-up is already in flight, see
 * wake_one; a worker that steals wakes the next, so a burst spreads).
 * All four accesses are seq_cst (not fences: gcc's TSan rejects those), so
 * either the worker sees the task or the producer sees the sleeper and
 * bumps `wake_seq` (and writes the eventfd when it woke nobody on the
 * futex and the token says a worker waits in epoll_wait); no wake-up is
 * lost.  Tasks that no other worker can see (the LIFO and back slots)
 * need no such handshake: their owner is awake and runs them before it
 * can park.
 *
 * Single-threaded mode has one worker and no thread: the thread inside
 * ac_wait (or ac_shutdown) becomes worker 0 while it waits, runs tasks in
 * FIFO order (no LIFO slot, no stealing) and polls timers and I/O itself
 * when nothing is runnable; foreign threads wake it through the I/O
 * module's eventfd. */
#include "internal.h"

#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

enum { RING = 256, GLOBAL_INTERVAL = 61, LIFO_MAX = 3, TRANSFER_MAX = 8,
       POLL_SKIPS = 4 };
enum { STOPPED, RUNNING };

struct worker {
    _Atomic uint32_t head;          /* next to take: owner and thieves CAS */
    _Atomic uint32_t tail;          /* next free slot: written by owner */
    _Atomic(ac_task *) ring[RING];  /* valid in [head, tail) */
    struct ac__run_local loc;       /* owner only: lifo, back, countdown
                                       (asyncc.h; back: see push_local) */
    unsigned poll_skips;            /* turns without a poll: poll_now */
    unsigned lifo_streak;           /* polls from lifo since one from the
                                       ring or the inject queue (a task
                                       taken from the back slot does not
                                       end a streak: see next_task) */
    unsigned depth;                 /* nested ac__pool_transfer calls */
    bool batch;                     /* completing what a poll found: a
                                       wake-up waits for the batch's end */
    bool batch_woke;                /* one was wanted meanwhile */
    uint32_t rng;                   /* victim choice */
    unsigned index;
    pthread_t thread;
} __attribute__((aligned(64)));

static struct {
    pthread_mutex_t lock;           /* start/stop */
    _Atomic int state;
    /* Read without the lock by producers on any thread (wake_one), even
     * while ac_start writes it: relaxed atomic, a plain load on x86. */
    _Atomic bool single;
    unsigned n;                     /* workers (1 in single mode) */
    struct worker *w;

    pthread_mutex_t inj_lock;       /* the inject queue: a growable ring */
    ac_task **inj;
    size_t inj_cap, inj_head, inj_len;
    _Atomic size_t inj_count;       /* == inj_len, readable without lock */

    _Atomic uint32_t wake_seq;      /* futex word of sleeping workers */
    _Atomic unsigned sleepers;
    _Atomic bool notified;          /* a wake-up is in flight, unacknowledged */
    _Atomic bool stopping;
    _Atomic bool driven;            /* single mode: a thread is worker 0 */
    _Atomic bool want_drive;        /* single mode: ac_shutdown needs it */
    _Atomic bool ran;               /* started once (schedule_slow) */
} P = {.lock = PTHREAD_MUTEX_INITIALIZER,
       .inj_lock = PTHREAD_MUTEX_INITIALIZER};

#define SINGLE atomic_load_explicit(&P.single, memory_order_relaxed)

static __thread struct worker *self AC__TLS_IE;
/* Where a yield on this thread may queue its awaiter without looking any
 * further (ac__yield_push, asyncc.h): self's slots, or on any other thread
 * slots whose back is never NULL, so that the yield takes its slow path
 * there (they are never written). */
static struct ac__run_local no_run_local = {.back = (ac_task *)1, /* RING_USED */
                                            .countdown = 1};
__thread struct ac__run_local *ac__run_local AC__TLS_IE = &no_run_local;

/* Makes this thread worker w (NULL: no longer a worker). */
static void set_self(struct worker *w)
{
    self = w;
    ac__run_local = w ? &w->loc : &no_run_local;
}

static void futex_wait(_Atomic uint32_t *addr, uint32_t val)
{
    syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

/* Returns how many threads it woke. */
static long futex_wake(_Atomic uint32_t *addr, int n)
{
    return syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0);
}

/* {===== the inject queue ===== */
static void inj_grow(void)
{
    size_t cap = P.inj_cap ? P.inj_cap * 2 : 1024;
    ac_task **q = malloc(cap * sizeof *q);
    if (!q)
        ac__panic("out of memory (inject queue)");
    for (size_t i = 0; i < P.inj_len; i++)
        q[i] = P.inj[(P.inj_head + i) % P.inj_cap];
    free(P.inj);
    P.inj = q;
    P.inj_cap = cap;
    P.inj_head = 0;
}

static void inj_push_batch(ac_task **ts, size_t n)
{
    pthread_mutex_lock(&P.inj_lock);
    while (P.inj_len + n > P.inj_cap)
        inj_grow();
    for (size_t i = 0; i < n; i++)
        P.inj[(P.inj_head + P.inj_len++) % P.inj_cap] = ts[i];
    atomic_store_explicit(&P.inj_count, P.inj_len, memory_order_seq_cst);
    pthread_mutex_unlock(&P.inj_lock);
}

/* Pops up to max tasks into out; returns how many. */
static size_t inj_pop(ac_task **out, size_t max)
{
    if (atomic_load_explicit(&P.inj_count, memory_order_acquire) == 0)
        return 0;
    pthread_mutex_lock(&P.inj_lock);
    size_t n = P.inj_len < max ? P.inj_len : max;
    for (size_t i = 0; i < n; i++) {
        out[i] = P.inj[P.inj_head];
        P.inj_head = (P.inj_head + 1) % P.inj_cap;
    }
    P.inj_len -= n;
    atomic_store_explicit(&P.inj_count, P.inj_len, memory_order_release);
    pthread_mutex_unlock(&P.inj_lock);
    return n;
}
/* }===== */

/* {===== waking ===== */
/* Wakes one sleeping worker, unless one is already on its way: without
 * `notified`, a busy worker next to an idle one would make a futex call per
 * push (measured: 260 ns instead of 55 ns per yield). */
static void wake_one(void)
{
    if (SINGLE) {
        ac__io_wake();
        return;
    }
    bool expect = false;
    if (atomic_load_explicit(&P.sleepers, memory_order_seq_cst) == 0 ||
        !atomic_compare_exchange_strong_explicit(&P.notified, &expect, true,
                                                 memory_order_seq_cst,
                                                 memory_order_relaxed))
        return;
    atomic_fetch_add_explicit(&P.wake_seq, 1, memory_order_release);
    if (futex_wake(&P.wake_seq, 1) <= 0)
        ac__io_wake_parked();   /* the sleeper may be the one in epoll_wait */
}

/* wake_one from a worker, about work it queued where others can take it:
 * with one worker there is nobody to wake (it is this one, awake). */
static inline void wake_peer(void)
{
    if (P.n > 1) {
        if (self && self->batch)
            self->batch_woke = true;
        else
            wake_one();
    }
}

/* A worker completing what a poll found (I/O ops, timers) queues their
 * awaiters on itself and wakes a peer once, at the end of the batch, not
 * at every push: a peer woken at the batch's second task would steal it,
 * run out and park again while the batch goes on. */
static void batch_end(struct worker *w)
{
    w->batch = false;
    if (w->batch_woke) {
        w->batch_woke = false;
        wake_peer();
    }
}

static void wake_all(void)
{
    atomic_fetch_add_explicit(&P.wake_seq, 1, memory_order_release);
    futex_wake(&P.wake_seq, INT_MAX);
    ac__io_wake_parked();
}
/* }===== */

/* {===== a worker's ring ===== */
static uint32_t ring_len(struct worker *w)
{
    uint32_t h = atomic_load_explicit(&w->head, memory_order_seq_cst);
    uint32_t t = atomic_load_explicit(&w->tail, memory_order_seq_cst);
    return t - h;
}

/* Ring full: hand half of it plus t to the inject queue.  false if a
 * thief moved head meanwhile (then there is room again). */
static bool ring_overflow(struct worker *w, uint32_t h, ac_task *t)
{
    ac_task *batch[RING / 2 + 1];
    for (uint32_t i = 0; i < RING / 2; i++)
        batch[i] = atomic_load_explicit(&w->ring[(h + i) % RING],
                                        memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(
            &w->head, &h, h + RING / 2, memory_order_acq_rel,
            memory_order_relaxed))
        return false;
    batch[RING / 2] = t;
    inj_push_batch(batch, RING / 2 + 1);
    return true;
}

static void ring_put(struct worker *w, ac_task *t)
{
    for (;;) {
        uint32_t h = atomic_load_explicit(&w->head, memory_order_acquire);
        uint32_t tl = atomic_load_explicit(&w->tail, memory_order_relaxed);
        if (tl - h < RING) {
            atomic_store_explicit(&w->ring[tl % RING], t, memory_order_relaxed);
            atomic_store_explicit(&w->tail, tl + 1, memory_order_seq_cst);
            return;
        }
        if (ring_overflow(w, h, t))
            return;
    }
}

/* The back slot's states (owner only):
 *   NULL      no task there, and the ring is empty (its owner saw it so
 *             after its last push: thieves only take);
 *   a task    the newest task of the run queue, and the ring is empty;
 *   RING_USED no task there, and the ring may hold tasks.
 * So a yield tests one word: NULL, and the slot is its. */
#define RING_USED ((ac_task *)1)
static inline bool back_has_task(ac_task *b)
{
    return (uintptr_t)b > (uintptr_t)RING_USED;
}

/* Owner only.  The back slot is the newest task of the queue, so it goes
 * to the ring first: the ring stays in FIFO order. */
static void ring_push(struct worker *w, ac_task *t)
{
    if (back_has_task(w->loc.back))
        ring_put(w, w->loc.back);
    ring_put(w, t);
    w->loc.back = RING_USED;
}

/* Owner only: queues t in the ring when the back slot cannot take it
 * (the LIFO slot holds a task, or this push spent the countdown: then the
 * next poll is the inject queue's turn, see next_task). */
static inline bool turn_is_empty(void);
static void push_turn(struct worker *w, ac_task *t)
{
    if (w->loc.countdown == 0) {
        if (turn_is_empty()) {
            w->loc.countdown = GLOBAL_INTERVAL;
            w->loc.back = t;
            return;
        }
        w->loc.countdown = 1;
    }
    ring_push(w, t);
}

/* The inject queue's turn has nothing to let in (single mode always polls
 * timers and I/O; `stopping` is read at every turn, see worker_main): a
 * task injected after this look waits at most one more turn. */
static inline bool turn_is_empty(void)
{
    return !SINGLE && !atomic_load_explicit(&P.inj_count, memory_order_relaxed) &&
           !atomic_load_explicit(&P.stopping, memory_order_acquire);
}

/* Owner only: queues t at the back of w's run queue without publishing it
 * when it would be the only queued task (the ring is empty), else as
 * ring_push.  Returns true if t went to the ring.
 *
 * The back slot is private: thieves and parking workers do not see it.
 * That is safe because
 *   - w->loc.back != NULL implies w's ring is empty (it is set only then,
 *     every owner push empties it first, thieves only take), so the slot
 *     holds the newest task and next_task takes it right after the LIFO
 *     slot: the FIFO order of the run queue is that of a plain ring;
 *   - its owner is awake (running the task that queued it) and next_task
 *     returns it before the owner could park, so it is never lost; the
 *     callers (a yield, or a single-threaded schedule) return to the
 *     worker loop at once, like the LIFO slot's awaiters.
 * A lone task in the ring would not wake anyone either (push_back's
 * policy), so what is lost is only an awake idle worker stealing it, which
 * for a lone yielding task was the ping-pong measured in push_back.  The
 * win: no seq_cst store on push and no CAS on pop for that task.  A ring
 * that thieves emptied while the slot said RING_USED only sends t to the
 * ring, until the owner's next pop finds it empty. */
static bool push_local(struct worker *w, ac_task *t)
{
    struct ac__run_local *l = &w->loc;
    if (l->back) {
        ring_push(w, t);
        return true;
    }
    /* The same test as ac__yield_push (asyncc.h), see next_task. */
    if (!l->lifo && --l->countdown != 0) {
        l->back = t;
        return false;
    }
    push_turn(w, t);
    return false;       /* alone in the ring: nobody to wake for it */
}

/* Owner only, with no task in the back slot: pops the ring's oldest
 * task; the back slot says NULL again once the ring is seen empty. */
static inline ac_task *ring_pop(struct worker *w)
{
    for (;;) {
        uint32_t h = atomic_load_explicit(&w->head, memory_order_acquire);
        uint32_t tl = atomic_load_explicit(&w->tail, memory_order_relaxed);
        if (h == tl) {
            w->loc.back = NULL;
            return NULL;
        }
        ac_task *t = atomic_load_explicit(&w->ring[h % RING],
                                          memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(
                &w->head, &h, h + 1, memory_order_acq_rel,
                memory_order_relaxed)) {
            if (h + 1 == tl)
                w->loc.back = NULL;
            return t;
        }
    }
}

/* Moves half of victim's ring into thief's (empty) ring; returns one task
 * to run now, or NULL. */
static ac_task *ring_steal(struct worker *thief, struct worker *victim)
{
    ac_task *buf[RING / 2];
    uint32_t n;
    for (;;) {
        uint32_t h = atomic_load_explicit(&victim->head, memory_order_acquire);
        uint32_t t = atomic_load_explicit(&victim->tail, memory_order_acquire);
        n = t - h;
        n -= n / 2;
        if (n == 0)
            return NULL;
        if (n > RING / 2)
            continue;                   /* torn read of head and tail */
        for (uint32_t i = 0; i < n; i++)
            buf[i] = atomic_load_explicit(&victim->ring[(h + i) % RING],
                                          memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(
                &victim->head, &h, h + n, memory_order_acq_rel,
                memory_order_relaxed))
            break;
    }
    for (uint32_t i = 1; i < n; i++)
        ring_push(thief, buf[i]);
    ac__alloc_count_steal(n);
    return buf[0];
}
/* }===== */

static uint32_t xorshift(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Takes a share of the inject queue: one to run, the rest to the ring. */
static ac_task *take_injected(struct worker *w)
{
    ac_task *buf[RING / 2];
    size_t want = atomic_load_explicit(&P.inj_count, memory_order_relaxed) / P.n + 1;
    size_t room = RING - ring_len(w);
    if (want > room / 2 + 1)
        want = room / 2 + 1;
    if (want > RING / 2)
        want = RING / 2;
    size_t n = inj_pop(buf, want);
    for (size_t i = 1; i < n; i++)
        ring_push(w, buf[i]);
    if (n > 1)
        wake_peer();    /* the batch is stealable: share it */
    return n ? buf[0] : NULL;
}

static ac_task *steal_any(struct worker *w)
{
    if (P.n < 2)
        return NULL;
    unsigned start = xorshift(&w->rng) % P.n;
    for (unsigned i = 0; i < P.n; i++) {
        struct worker *v = &P.w[(start + i) % P.n];
        ac_task *t;
        if (v != w && (t = ring_steal(w, v)))
            return t;
    }
    return NULL;
}

/* The queues other workers share: a share of the inject queue, a steal. */
static __attribute__((noinline)) ac_task *next_task_idle(struct worker *w)
{
    ac_task *t;
    if ((t = take_injected(w)))
        return t;
    if ((t = steal_any(w)))
        wake_one();     /* there was spare work: maybe for one more worker */
    return t;
}

/* Whether the inject queue's turn polls timers and I/O.  Not while the
 * ring is half full, up to POLL_SKIPS turns in a row: a poll brings up to
 * 64 tasks, and a ring that overflowed moved half of itself to the inject
 * queue, where those tasks waited a turn in GLOBAL_INTERVAL each while
 * later polls refilled the ring; under overload some sockets starved
 * (1,000 keep-alive HTTP connections on a capped CPU: p50 18 ms, p99 300
 * to 680 ms).  What is not polled waits in epoll's ready list, which is
 * FIFO (e2e/io_fair_under_overload).  Tasks woken by I/O leave the ring
 * at a turn's 61 runs, so it drains below half within a few turns; the
 * bound is for tasks that requeue themselves (a yield loop), which must
 * not keep timers and I/O from ever being polled. */
static bool poll_now(struct worker *w)
{
    if (ring_len(w) < RING / 2 || w->poll_skips >= POLL_SKIPS) {
        w->poll_skips = 0;
        return true;
    }
    w->poll_skips++;
    return false;
}

/* next_task's slow path when the inject queue has its turn or the LIFO
 * slot's streak is over: w->loc.countdown was already decremented. */
static __attribute__((noinline)) ac_task *next_task_rare(struct worker *w)
{
    ac_task *t;
    if (w->loc.countdown == 0) {
        w->loc.countdown = GLOBAL_INTERVAL;
        if (!SINGLE && atomic_load_explicit(&P.stopping, memory_order_acquire))
            return NULL;    /* worker_main's turn to stop: see there */
        if (poll_now(w)) {
            if (SINGLE)     /* timers and I/O: the driver polls, not a thread */
                ac__io_poll(0);
            else {
                w->batch = true;
                ac__io_poll_now();  /* unless another thread polls (io.c) */
                batch_end(w);
            }
        }
        if (inj_pop(&t, 1))
            return t;
    }
    if ((t = w->loc.lifo)) {
        w->loc.lifo = NULL;
        if (w->lifo_streak++ < LIFO_MAX)
            return t;
        ring_push(w, t);
    }
    w->lifo_streak = 0;
    if (back_has_task(t = w->loc.back)) {   /* the ring is empty: see push_local */
        w->loc.back = NULL;
        return t;
    }
    if ((t = ring_pop(w)))
        return t;
    return next_task_idle(w);
}

/* next_task's slow path in its common case, an empty LIFO slot and no
 * turn of the inject queue: the back slot or the ring.  The same order as
 * next_task_rare; the calls are tail calls, so no stack frame. */
static __attribute__((noinline)) ac_task *next_task_slow(struct worker *w)
{
    ac_task *t;
    if (w->loc.countdown == 0 || w->loc.lifo)
        return next_task_rare(w);
    w->lifo_streak = 0;
    if (back_has_task(t = w->loc.back)) {   /* the ring is empty: see push_local */
        w->loc.back = NULL;
        return t;
    }
    if ((t = ring_pop(w)))
        return t;
    return next_task_idle(w);
}

/* The next task for w to run, in this order: a task in the back slot
 * (the ring is then empty, and so was the LIFO slot when it was put there:
 * see below), every GLOBAL_INTERVAL polls one from the inject queue (so
 * that it is not starved by busy workers), the LIFO slot (at most LIFO_MAX
 * times in a row), the ring, a share of the inject queue, a steal.  Inline:
 * the two common cases, the back slot (a lone yield) and the LIFO slot (an
 * awaiter woken by a completion), cost a few plain loads and stores.
 *
 * A task enters the back slot only with the LIFO slot empty and after
 * spending one unit of the countdown (push_local, ac__yield_push), so
 * taking it counts nothing here: a push that finds the countdown spent
 * goes to the ring instead and leaves 1, so the next poll is the inject
 * queue's turn.  A task that yields in a loop thus lets the inject queue
 * (timers, I/O, other threads' tasks) in once per GLOBAL_INTERVAL yields,
 * and cannot pass a task in the LIFO slot more than once. */
static inline ac_task *next_task(struct worker *w)
{
    ac_task *t = w->loc.back;
    if (back_has_task(t)) {
        w->loc.back = NULL;
        return t;
    }
    if (__builtin_expect(--w->loc.countdown != 0, 1)) {
        if ((t = w->loc.lifo)) {
            if (w->lifo_streak < LIFO_MAX) {
                w->lifo_streak++;
                w->loc.lifo = NULL;
                return t;
            }
        } else if (back_has_task(t = w->loc.back)) {
            w->lifo_streak = 0;
            w->loc.back = NULL;
            return t;
        }
    }
    return next_task_slow(w);
}

static bool runnable_anywhere(void)
{
    if (atomic_load_explicit(&P.inj_count, memory_order_seq_cst))
        return true;
    for (unsigned i = 0; i < P.n; i++)
        if (ring_len(&P.w[i]))
            return true;
    return false;
}

static bool nothing_to_do(void)
{
    return !runnable_anywhere() &&
           !atomic_load_explicit(&P.stopping, memory_order_seq_cst);
}

static void unpark(void)
{
    atomic_fetch_sub_explicit(&P.sleepers, 1, memory_order_relaxed);
    atomic_store_explicit(&P.notified, false, memory_order_seq_cst);
}

static void unpark_polled(void)
{
    unpark();
    self->batch = true;
}

/* `notified` is cleared by every worker entering park (it is about to look
 * at every queue itself, so a wake-up in flight is redundant; this also
 * drops a wake-up that found nobody asleep) and by every worker leaving it
 * (the wake-up is acknowledged: the next push may wake another).
 *
 * A parked worker polls epoll itself if no other thread does (the poll
 * token, io.c): it takes the token, looks at every queue again, and waits
 * in epoll_wait instead of on the futex; what the poll completes is then
 * queued on this worker (no hop through the inject queue), and a peer is
 * woken if more than one task is queued, once, at the end of the batch
 * (batch_end).  A
 * producer that finds no worker on the futex (futex_wake woke nobody)
 * writes the eventfd when the token says PARKED; the token is taken
 * (seq_cst) before that last look, so either the look sees the task or the
 * producer sees the token.  Only one worker waits in epoll_wait; the
 * others sleep on the futex. */
static void park(struct worker *w)
{
    uint32_t seq = atomic_load_explicit(&P.wake_seq, memory_order_acquire);
    atomic_fetch_add_explicit(&P.sleepers, 1, memory_order_seq_cst);
    atomic_store_explicit(&P.notified, false, memory_order_seq_cst);
    if (nothing_to_do()) {
        if (ac__io_park(nothing_to_do, unpark_polled)) {
            batch_end(w);
            return;
        }
        futex_wait(&P.wake_seq, seq);
    }
    unpark();
}

bool ac__pool_all_parked(void)
{
    return atomic_load_explicit(&P.sleepers, memory_order_seq_cst) == P.n;
}

void ac__pool_want_poller(void)
{
    if (!SINGLE && atomic_load_explicit(&P.sleepers, memory_order_seq_cst))
        wake_one();
}

static void *worker_main(void *arg)
{
    struct worker *w = arg;
    set_self(w);
    pthread_setname_np(pthread_self(), "asyncc-worker");
    ac__alloc_thread_init();        /* its counters show in ac_stats_get */
    ac__io_block_sigpipe();
    /* `stopping` is read when there is nothing to run and, through
     * next_task_slow, every GLOBAL_INTERVAL polls: a busy worker runs at
     * most that many more tasks after ac_shutdown's grace period. */
    for (;;) {
        ac_task *t = next_task(w);
        if (t)
            t->resume(t);
        else if (atomic_load_explicit(&P.stopping, memory_order_acquire))
            break;
        else
            park(w);
    }
    set_self(NULL);
    return NULL;
}

/* {===== scheduling entry points ===== */
void ac__pool_autostart(void)
{
    if (atomic_load_explicit(&P.state, memory_order_acquire) != RUNNING)
        ac_start(NULL);
}

static void waiter_resume(ac_task *t);

/* An ac_wait caller is woken directly, on a worker too: it needs no
 * worker, and in the LIFO slot it would wait for whatever the worker runs
 * first (the inject queue's task at its turn: an I/O result found by the
 * poll at that turn reached its ac_wait caller 1.5 s late, after an
 * injected ac_run job of that length; tests/runtime/test_io.c).  Off a
 * worker (a completion from a foreign thread, the I/O thread or
 * ac_shutdown), anything else goes to the inject queue.  A pool that
 * never ran starts here (first use): a frame that suspended in its ramp
 * on a promise the program then completes must run now, not at the next
 * ac_wait (it sat queued, invisible to ac_dump_tasks,
 * tests/runtime/test_dump.c).  After ac_shutdown the pool is not
 * restarted: a completion queues its awaiter for the next start instead
 * of restarting the pool behind the program's back. */
static __attribute__((noinline)) void schedule_slow(ac_task *t)
{
    ac__alloc_count_schedule();
    struct worker *w = self;
    if (!w) {
        ac__alloc_thread_init();
        if (t->resume == waiter_resume) {
            waiter_resume(t);
            if (SINGLE)
                ac__io_wake();      /* a driver polling for it looks again */
            return;
        }
        if (!atomic_load_explicit(&P.ran, memory_order_relaxed))
            ac__pool_autostart();
        inj_push_batch(&t, 1);
        wake_one();
    } else if (SINGLE) {
        push_local(w, t);
    } else if (t->resume == waiter_resume) {
        waiter_resume(t);
    } else {
        ac_task *prev = w->loc.lifo;
        w->loc.lifo = t;
        if (prev) {
            ring_push(w, prev);
            wake_peer();
        }
    }
}

/* The common case inline: on a worker with an empty LIFO slot, a
 * completion's awaiter goes there with two plain stores. */
void ac__pool_schedule(ac_task *t)
{
    struct worker *w = self;
    if (w && !w->loc.lifo && !SINGLE && t->resume != waiter_resume) {
        ac__alloc_count_schedule();
        w->loc.lifo = t;
        return;
    }
    schedule_slow(t);
}

/* Symmetric transfer (C++'s, bounded): a frame that completes at the end of
 * its resume function resumes its awaiter directly instead of through the
 * LIFO slot and the worker loop.  The call nests (the completing frame's
 * resume function returns only after the awaiter's), so past TRANSFER_MAX
 * nested transfers the awaiter goes to the LIFO slot instead: the stack
 * stays bounded, and a long chain of completions still unwinds through the
 * worker loop (tests/e2e/no_stack_overflow.c, deep_recursion_suspending.c).
 * A completed promise does the same (the awaiter then runs inside
 * ac_promise_set_NAME, tests/e2e/promise_transfer.c).
 * Not counted in ac_stats.scheduled: nothing was handed to a queue. */
void ac__pool_transfer(ac_task *t)
{
    struct worker *w = self;
    if (w && w->depth < TRANSFER_MAX) {
        w->depth++;
        t->resume(t);
        w->depth--;
        return;
    }
    ac__pool_schedule(t);
}

void ac__pool_push_back(ac_task *t, bool new_work)
{
    ac__alloc_count_schedule();
    struct worker *w = self;
    if (!w) {
        ac__alloc_thread_init();
        ac__pool_autostart();
        inj_push_batch(&t, 1);
        wake_one();
    } else if (new_work) {
        ring_push(w, t);
        if (!SINGLE)
            wake_peer();
    } else if (push_local(w, t) && !SINGLE) {
        wake_peer();    /* t joined other queued tasks: share them */
    }
}

/* {===== the cooperative budget (internal.h) ===== */
__thread unsigned ac__coop_left AC__TLS_IE = AC__COOP_BUDGET;

bool ac__coop_exhausted(void)
{
    ac__coop_left = AC__COOP_BUDGET;
    return self != NULL;
}

/* A held task (internal.h) is complete from birth, so everything that
 * looks at a future before awaiting it sees the operation done, as it is.
 * It is never scheduled. */
static void held_resume(ac_task *t)
{
    ac__panic("task %p, a result held back by the cooperative budget, was "
              "scheduled", (void *)t);
}

ac_task *ac__coop_held(const void *result, size_t size)
{
    ac_task *t = ac__mem_alloc(sizeof(ac_task) + size);
    t->resume = held_resume;
    atomic_init(&t->waiter, AC__WAITER_DONE);
    if (size)
        memcpy(t + 1, result, size);
    ac__coop_left = 1;      /* the await of t spends it and suspends */
    return t;
}

/* The waiter goes behind the worker's queued tasks, and the countdown is
 * left at 1, so the worker's next pick is the inject queue's turn
 * (next_task_rare: timers and I/O polled first): what the spent budget
 * let wait runs within one budget, not GLOBAL_INTERVAL of them. */
bool ac__coop_yield(ac_task *waiter)
{
    struct worker *w = self;
    if (!w) {
        ac__pool_push_back(waiter, false);
        return true;
    }
    ac__alloc_count_schedule();
    ring_push(w, waiter);
    w->loc.countdown = 1;
    if (!SINGLE)
        wake_peer();
    return true;
}

ac_future_int ac__coop_spent_int(int v)
{
    if (!ac__coop_exhausted())
        return (ac_future_int){NULL, v};
    return (ac_future_int){ac__coop_held(&v, sizeof v), 0};
}
/* }===== */

/* The rest of ac__yield_queue: the inject queue's turn has tasks, not a
 * worker, or the back slot is free but the LIFO slot is not. */
static __attribute__((noinline)) void yield_queue_rest(struct ac__run_local *l, ac_task *t)
{
    struct worker *w = (struct worker *)((char *)l - offsetof(struct worker, loc));
    if (l == &no_run_local) {
        ac__pool_push_back(t, false);
        return;
    }
    if (l->countdown == 0)
        push_turn(w, t);
    else
        push_local(w, t);       /* ac__yield_await, or the LIFO slot is used */
    if (l->back != t)           /* as ac__yield_push: the back slot is not counted */
        ac__alloc_count_schedule();
}

/* ac__pool_push_back(t, false), called where ac__yield_push (asyncc.h)
 * could not keep t in the back slot: not on a worker, a task in the back
 * or LIFO slot, or its decrement of the countdown found the inject queue's
 * turn (countdown 0, which no poll leaves behind); also by ac__yield_await
 * (the countdown then not spent yet). */
void ac__yield_queue(ac_task *t)
{
    struct ac__run_local *l = ac__run_local;
    if (l->back && l != &no_run_local) {    /* as push_local */
        struct worker *w = (struct worker *)((char *)l - offsetof(struct worker, loc));
        ac__alloc_count_schedule();
        ring_push(w, t);
        if (!SINGLE)
            wake_peer();    /* t joined other queued tasks: share them */
        return;
    }
    /* ac__yield_push spent the countdown on a worker (the slots of other
     * threads never reach 0): the inject queue's turn, here when it is
     * empty. */
    if (l->countdown == 0 && turn_is_empty()) {
        l->countdown = GLOBAL_INTERVAL;
        l->back = t;
        return;
    }
    yield_queue_rest(l, t);
}

bool ac__yield_await(ac_task *t)
{
    ac__yield_queue(t);
    return true;
}
/* }===== */

/* {===== start and shutdown ===== */
static unsigned default_workers(bool *single)
{
    const char *e = getenv("ASYNCC_WORKERS");
    if (e && *e) {
        char *end;
        long v = strtol(e, &end, 10);
        if (*end == '\0' && v >= 0 && v <= 1024) {
            *single = v == 0;
            return v ? (unsigned)v : 1;
        }
        fprintf(stderr, "asyncc: ignoring ASYNCC_WORKERS=%s\n", e);
    }
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

static void join_workers(unsigned n)
{
    /* seq_cst: a worker takes the poll token, then reads `stopping`;
     * wake_all writes `stopping`, then reads the token (park). */
    atomic_store_explicit(&P.stopping, true, memory_order_seq_cst);
    wake_all();
    for (unsigned i = 0; i < n; i++)
        pthread_join(P.w[i].thread, NULL);
}

int ac_start(const ac_config *cfg)
{
    pthread_mutex_lock(&P.lock);
    if (atomic_load(&P.state) == RUNNING) {
        pthread_mutex_unlock(&P.lock);
        return -EALREADY;
    }
    bool single = cfg && cfg->single_threaded;
    unsigned n = cfg && cfg->workers ? cfg->workers : default_workers(&single);
    if (single)
        n = 1;
    atomic_store_explicit(&P.single, single, memory_order_relaxed);
    P.n = n;
    P.w = aligned_alloc(64, n * sizeof *P.w);
    if (!P.w)
        ac__panic("out of memory (workers)");
    memset(P.w, 0, n * sizeof *P.w);
    for (unsigned i = 0; i < n; i++) {
        P.w[i].loc.countdown = GLOBAL_INTERVAL;
        P.w[i].index = i;
        P.w[i].rng = 0x9E3779B9u * (i + 1);
    }
    atomic_store(&P.stopping, false);
    ac__timer_close(false);
    ac__io_close(false);
    ac__signal_close(false);
    int err = ac__io_start(!single);
    for (unsigned i = 0; !err && !single && i < n; i++) {
        err = -pthread_create(&P.w[i].thread, NULL, worker_main, &P.w[i]);
        if (err) {
            join_workers(i);
            ac__io_stop();
        }
    }
    if (err) {
        free(P.w);
        P.w = NULL;
    } else {
        atomic_store_explicit(&P.state, RUNNING, memory_order_release);
        atomic_store_explicit(&P.ran, true, memory_order_relaxed);
    }
    pthread_mutex_unlock(&P.lock);
    return err;
}

unsigned ac_workers(void)
{
    return atomic_load(&P.state) == RUNNING && !SINGLE ? P.n : 0;
}

static bool quiescent(void)
{
    if (ac__timer_pending() || runnable_anywhere())
        return false;
    if (SINGLE)
        return true;
    return atomic_load(&P.sleepers) == P.n;
}

/* Single mode: runs tasks on this thread until done() or, with done ==
 * NULL, until nothing is runnable and no timer is pending, or until the
 * deadline (ms, UINT64_MAX: none). */
static void drive(_Atomic uint32_t *done, uint64_t deadline)
{
    ac__alloc_thread_init();
    for (;;) {
        if (done && (atomic_load_explicit(done, memory_order_acquire) ||
                     atomic_load(&P.want_drive)))
            return;
        ac_task *t = next_task(self);
        if (t) {
            t->resume(t);
            /* ac_shutdown's grace also ends while tasks stay runnable (a
             * task yielding in a loop): their leftovers wait for a start. */
            if (deadline != UINT64_MAX && ac__now_ms() >= deadline)
                return;
            continue;
        }
        if (!done && quiescent())
            return;
        uint64_t now = ac__now_ms();
        if (deadline != UINT64_MAX && now >= deadline)
            return;
        int timeout = -1;
        if (deadline != UINT64_MAX)
            timeout = deadline - now > INT_MAX ? INT_MAX : (int)(deadline - now);
        ac__io_poll(timeout);
    }
}

/* Moves what workers still hold to the inject queue, for a later start. */
static void requeue_leftovers(void)
{
    for (unsigned i = 0; i < P.n; i++) {
        struct worker *w = &P.w[i];
        ac_task *t;
        if (w->loc.lifo)
            inj_push_batch(&w->loc.lifo, 1);
        if (back_has_task(w->loc.back))     /* the ring is empty then */
            inj_push_batch(&w->loc.back, 1);
        w->loc.back = NULL;
        while ((t = ring_pop(w)))
            inj_push_batch(&t, 1);
    }
}

/* Multi-threaded: waits until quiescent or the deadline.  Two quiescent
 * looks in a row, 1 ms apart: a task that was between two queues at the
 * first look shows up at the second. */
static void settle(uint64_t deadline)
{
    int calm = 0;
    while (calm < 2 && (deadline == UINT64_MAX || ac__now_ms() < deadline)) {
        calm = quiescent() ? calm + 1 : 0;
        nanosleep(&(struct timespec){0, 1000000}, NULL);
    }
}

/* ac_shutdown's two phases.  First, runnable tasks and pending timers
 * drain for up to grace_ms.  Then what can no longer complete once the
 * I/O thread stops is completed with -ECANCELED: every waiting timer and
 * I/O op (and any started from now on), so that the tasks and ac_wait
 * callers waiting on them wake; those tasks get up to grace_ms again (at
 * least 100 ms) to finish. */
static void drain(uint64_t grace_ms)
{
    uint64_t deadline = grace_ms == UINT64_MAX ? UINT64_MAX : ac__now_ms() + grace_ms;
    if (SINGLE) {
        /* Become the driver (another thread may be inside ac_wait) and
         * stay it until the worker is freed: see ac_shutdown. */
        bool expect = false;
        atomic_store(&P.want_drive, true);  /* an ac_wait driver hands over */
        while (!atomic_compare_exchange_strong(&P.driven, &expect, true)) {
            expect = false;
            ac__io_wake();
            nanosleep(&(struct timespec){0, 1000000}, NULL);
        }
        set_self(&P.w[0]);
        drive(NULL, deadline);
    } else {
        settle(deadline);
    }
    ac__timer_close(true);
    ac__io_close(true);
    ac__signal_close(true);
    if (grace_ms != UINT64_MAX)
        deadline = ac__now_ms() + (grace_ms < 100 ? 100 : grace_ms);
    if (SINGLE) {
        drive(NULL, deadline);
        set_self(NULL);
    } else {
        settle(deadline);
    }
}

long ac_shutdown(uint64_t grace_ms)
{
    if (self)
        return -EDEADLK;
    pthread_mutex_lock(&P.lock);
    atomic_store_explicit(&P.ran, true, memory_order_relaxed);  /* no restart */
    if (atomic_load(&P.state) == RUNNING) {
        drain(grace_ms);
        join_workers(SINGLE ? 0 : P.n);
        ac__io_stop();
        requeue_leftovers();
        atomic_store_explicit(&P.state, STOPPED, memory_order_release);
        free(P.w);
        P.w = NULL;
        atomic_store(&P.driven, false);     /* taken by drain in single mode */
        atomic_store(&P.want_drive, false);
    }
    pthread_mutex_unlock(&P.lock);
    ac_stats s;
    ac_stats_get(&s);
    ac__debug_report("ac_shutdown");
    return (long)s.live;
}
/* }===== */

/* {===== ac_wait ===== */
/* The blocked thread's waiter task: resumed by a worker when the awaited
 * task completes.  Thread-local, so it outlives the resume's futex wake. */
struct waiter {
    ac_task hdr;
    _Atomic uint32_t done;
};
static __thread struct waiter waiter;

static void waiter_resume(ac_task *t)
{
    struct waiter *w = (struct waiter *)t;
    atomic_store_explicit(&w->done, 1, memory_order_release);
    futex_wake(&w->done, 1);
}

static void block_until(_Atomic uint32_t *done)
{
    while (!atomic_load_explicit(done, memory_order_acquire)) {
        bool expect = false;
        if (SINGLE && !atomic_load(&P.want_drive) &&
            atomic_compare_exchange_strong(&P.driven, &expect, true)) {
            if (atomic_load(&P.state) != RUNNING) {     /* shut down */
                atomic_store(&P.driven, false);
                goto sleep;
            }
            set_self(&P.w[0]);
            drive(done, UINT64_MAX);    /* until done, or a handover */
            set_self(NULL);
            atomic_store(&P.driven, false);
            continue;
        }
        /* Multi-threaded: sleep until the waiter task runs.  Single mode,
         * another thread drives: look again now and then, in case it
         * stops driving before our task is done. */
    sleep:;
        struct timespec ts = {0, 10000000};
        syscall(SYS_futex, done, FUTEX_WAIT_PRIVATE, 0,
                SINGLE ? &ts : NULL, NULL, 0);
    }
}

void ac__wait(ac_task **slot, size_t fsize, size_t falign, const char *file,
              int line)
{
    ac_task *t = *slot;
    if (!t)
        return;
    /* The waiter word read safely (a consumed task is freed memory), once. */
    uintptr_t w = t == &ac__yield_task ? AC__WAITER_NONE : ac__mem_waiter_of(t);
    if (w == AC__WAITER_DONE && ac__task_done(t)) {   /* the acquire: its result */
        ac__future_take(slot, fsize, falign);   /* no wait: on any thread */
        return;
    }
    if (self)
        ac__panic("%s:%d: ac_wait called on a pool worker (inside a task): "
                  "it would deadlock; await the future instead",
                  file, line);
    if (!ac__debug && w == AC__WAITER_CONSUMED)
        ac__panic("%s:%d: ac_wait of a future that was already consumed "
                  "(awaited, waited for or detached before)", file, line);
    ac__pool_autostart();
    waiter.hdr.resume = waiter_resume;
    atomic_store_explicit(&waiter.hdr.waiter, AC__WAITER_NONE,
                          memory_order_relaxed);
    atomic_store_explicit(&waiter.done, 0, memory_order_relaxed);
    if (ac__task_await(t, &waiter.hdr))
        block_until(&waiter.done);
    ac__future_take(slot, fsize, falign);
}
/* }===== */

/* {===== ac_yield and ac_run ===== */
/* ac_yield allocates nothing: its future's task is this sentinel, and the
 * yield happens when the future is awaited (future.c).  It is never queued
 * itself; its waiter word is never written. */
static void yield_sentinel_resume(ac_task *t)
{
    ac__panic("the yield sentinel %p was scheduled", (void *)t);
}

ac_task ac__yield_task = {.resume = yield_sentinel_resume,
                          .waiter = AC__WAITER_NONE};

struct run_task {
    ac_task hdr;
    void *result;
    void *(*fn)(void *);
    void *arg;
};

static void run_resume(ac_task *t)
{
    struct run_task *r = (struct run_task *)t;
    r->result = r->fn(r->arg);
    ac__task_complete(t);
}

ac_future_ptr ac_run(void *(*fn)(void *), void *arg)
{
    struct run_task *r = ac__mem_alloc_at(sizeof *r, __builtin_return_address(0));
    r->hdr.resume = run_resume;
    atomic_init(&r->hdr.waiter, AC__WAITER_NONE);
    r->result = NULL;
    r->fn = fn;
    r->arg = arg;
    ac__pool_push_back(&r->hdr, true);
    return (ac_future_ptr){&r->hdr, NULL};
}
/* }===== */

/* For ac_dump_tasks: the pool's own tasks. */
bool ac__pool_describe(const ac_task *t, char *buf, size_t len)
{
    if (t->resume == waiter_resume)
        snprintf(buf, len, "ac_wait");
    else if (t->resume == run_resume)
        snprintf(buf, len, "an ac_run task");
    else if (t->resume == held_resume)
        snprintf(buf, len, "a result held back by the cooperative budget");
    else
        return false;
    return true;
}
