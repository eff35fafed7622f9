/* internal.h - what the runtime's files share; never installed.
 * One section per .c file, names ac__<module>_...  See README.md for the
 * task life cycle, the threads and who owns what. */
#ifndef ASYNCC_INTERNAL_H
#define ASYNCC_INTERNAL_H

#include "asyncc.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* Everything declared here stays inside libasyncc.so; only asyncc.h is
 * exported (static linking, as the tests do, still sees it all). */
#pragma GCC visibility push(hidden)

/* Reports an internal bug or a misuse with the runtime's own position, then
 * aborts.  Always compiled: every check guards an invariant whose violation
 * would corrupt memory later. */
#define ac__assert(cond)                                                   \
    ((cond) ? (void)0                                                      \
            : ac__panic("%s:%d: assertion failed: %s", __FILE__, __LINE__, \
                        #cond))
__attribute__((noreturn, format(printf, 1, 2))) void
ac__panic(const char *fmt, ...);

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AC__ASAN 1
#endif
#if __has_feature(thread_sanitizer)
#define AC__TSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define AC__ASAN 1
#endif
#if defined(__SANITIZE_THREAD__)
#define AC__TSAN 1
#endif

/* Thread-locals read on every scheduling use the initial-exec model: in
 * libasyncc.so the default (global-dynamic) costs a __tls_get_addr call
 * per access.  Small variables only: they come from the static TLS block
 * (or, if the library is dlopen()ed, from glibc's small surplus). */
#define AC__TLS_IE __attribute__((tls_model("initial-exec")))

/* The monotonic clock, in nanoseconds (timers, dumps) and milliseconds
 * (the pool's grace periods, the sweep). */
static inline uint64_t ac__now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}
static inline uint64_t ac__now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- lock.c: a small lock (a futex word) for short critical sections
 * that may make a system call: a descriptor's state, a token.  Not
 * recursive; zero-initialised is unlocked. */
typedef _Atomic uint32_t ac__lock_t;
void ac__lock_wait(ac__lock_t *l, uint32_t seen);
void ac__lock_wake(ac__lock_t *l);
static inline void ac__lock(ac__lock_t *l)
{
    uint32_t seen = 0;
    if (!atomic_compare_exchange_strong_explicit(l, &seen, 1, memory_order_acquire,
                                                 memory_order_relaxed))
        ac__lock_wait(l, seen);
}
static inline void ac__unlock(ac__lock_t *l)
{
    if (atomic_exchange_explicit(l, 0, memory_order_release) == 2)
        ac__lock_wake(l);
}

/* ---- alloc.c: size-class slabs for frames, tasks and small objects ---- */
void *ac__mem_alloc(size_t size);      /* never NULL; any small object */
/* As ac__mem_alloc; `site` is the creator's code address (ASYNCC_DEBUG). */
void *ac__mem_alloc_at(size_t size, const void *site);
void ac__mem_free(void *p);            /* from ac__mem_alloc/ac__frame_alloc */
size_t ac__mem_size(const void *p);    /* usable size of p's class */
/* t's waiter word, also when t was freed (readable under ASan). */
uintptr_t ac__mem_waiter_of(ac_task *t);
void ac__alloc_count_steal(unsigned n);
/* A thread's statistics counters.  Only their thread writes them, with a
 * relaxed load and store (a plain add, no atomic read-modify-write);
 * ac_stats_get reads them while the thread is registered, which
 * allocating, freeing or ac__alloc_thread_init does.  Counts made before
 * are kept and show up once it is. */
struct ac__counts {
    _Atomic uint64_t allocs, frees, sched, steals;
    _Atomic int64_t bytes;
};
extern __thread struct ac__counts ac__counts AC__TLS_IE;
void ac__alloc_thread_init(void);      /* registers this thread; idempotent */
static inline void ac__count_add(_Atomic uint64_t *c, uint64_t n)
{
    atomic_store_explicit(c, atomic_load_explicit(c, memory_order_relaxed) + n,
                          memory_order_relaxed);
}
/* stats: one task scheduled */
static inline void ac__alloc_count_schedule(void)
{
    ac__count_add(&ac__counts.sched, 1);
}

/* ---- debug.c: ASYNCC_DEBUG=1 bookkeeping of live tasks ---- */
extern bool ac__debug;                 /* set once, before any allocation */
void ac__debug_init(void);
void ac__debug_alloc(void *p, size_t size, const void *site);
void ac__debug_free(void *p);          /* panics on a double free */
void ac__debug_check(void *p, const char *what); /* panics if p not live */
long ac__debug_report(const char *why); /* lists live objects; returns count */
/* "module+0xoffset" of a code address, for addr2line (any mode). */
void ac__debug_describe(char *buf, size_t len, const void *site);
/* The site table entry (the generated code's ac__sites section) of the
 * await whose resume function is resume, or NULL (dump.c). */
const ac__site *ac__site_of(void (*resume)(ac_task *));
/* One object of the table.  awaiting/since/resume: the task it last
 * awaited, when (CLOCK_MONOTONIC ns), and its own resume function then (its
 * state), recorded by every await while the table is on (ac__debug_await)
 * by the awaiting thread, so a dump reads them under the lock instead of
 * racing with the frame's next await; current only if awaiting's waiter
 * word is this one. */
struct ac__debug_entry {
    void *p;                    /* NULL: empty slot */
    const void *site;           /* the creator's code address */
    size_t size;
    bool live;                  /* false: freed, kept to name its creator */
    ac_task *awaiting;
    uint64_t since;
    void (*resume)(ac_task *);  /* p's own resume function at that await */
};
void ac__debug_await(ac_task *t, ac_task *waiter); /* check t, record */
void ac__debug_each(void (*fn)(const struct ac__debug_entry *, void *), void *arg);
const struct ac__debug_entry *ac__debug_find(const void *p);

/* ---- dump.c: ac_dump_tasks, ASYNCC_DUMP=1 and SIGUSR1 ---- */
/* Reads ASYNCC_DUMP; if set, arms the SIGUSR1 dump.  true: the table is
 * needed. */
bool ac__dump_init(void);
/* What a runtime task is ("timer, due in 3 ms"), into buf; false if t is
 * not one of the file's own tasks.  Read under the table's lock. */
bool ac__timer_describe(const ac_task *t, char *buf, size_t len);
bool ac__io_describe(const ac_task *t, char *buf, size_t len);
bool ac__future_describe(const ac_task *t, char *buf, size_t len);
bool ac__pool_describe(const ac_task *t, char *buf, size_t len);
/* The runtime's tasks that stand for a call the user wrote: a combinator's
 * link, ac_when_all's join, ac_when_any's or ac_timeout's result, a wait
 * node of sync.c, named by that call ("ac_when_all (2 inputs pending)",
 * "a mutex or semaphore (ac_lock, ac_sem_acquire)"); size is t's
 * allocation in the live-task table (0 for a link, inside its join's).
 * *then: the task awaiting that call, for "ac_when_all, awaited by task
 * f", or 0.  Read under the table's lock. */
bool ac__combine_describe(const ac_task *t, size_t size, char *buf, size_t len,
                          uintptr_t *then);
bool ac__sync_describe(const ac_task *t, size_t size, char *buf, size_t len,
                       uintptr_t *then);

/* ---- pool.c: workers, run queues, scheduling, ac_wait ---- */
/* Schedules t to run soon: the current worker's LIFO slot when called on a
 * worker, else the inject queue.  t->resume(t) runs exactly once. */
void ac__pool_schedule(ac_task *t);
/* As ac__pool_schedule, but behind everything already queued (FIFO).
 * new_work: wake an idle worker to steal it (ac_run).  false (a yield):
 * wake one only if other tasks wait too; a lone yielding task would only
 * be stolen back and forth between cores (measured: 92 ns instead of 51 ns
 * per yield with one idle worker). */
void ac__pool_push_back(ac_task *t, bool new_work);
/* The yield task (ac__yield_task, asyncc.h) is defined in pool.c with
 * ac__yield_await, which queues its awaiter as ac__pool_push_back(waiter,
 * false) would; ac__task_free and ac__detach ignore it (future.c). */
/* Symmetric transfer: on a worker, runs t->resume(t) at once, nested at
 * most TRANSFER_MAX deep (pool.c), else ac__pool_schedule(t).  For a
 * frame's completion at the end of its resume function, and a promise's
 * (ac_promise_complete: user code, which must not hold a lock the
 * awaiter takes). */
void ac__pool_transfer(ac_task *t);
/* The cooperative budget (tokio's coop): every operation of the runtime
 * that completes without suspending spends one unit of its thread's
 * budget (an await of a completed task, an I/O call that succeeds at
 * once, a free semaphore or mutex, a set event, a channel with room or a
 * value: ac__coop_spend here, ac__coop_now_int in asyncc.h); when it runs
 * out on a worker, that operation returns a task instead, whose await
 * suspends through the back of the run queue, so that a task whose awaits
 * keep completing synchronously lets the others, the inject queue and
 * (single-threaded) the poll step run.  Awaits of {NULL, value} futures
 * that never entered the runtime (an async function that returned at
 * once) spend nothing: they are function calls.  The budget is per
 * thread, not per task: it is never reset, so the check is a thread-local
 * decrement and a compare.  ac__coop_left (asyncc.h) counts down from
 * AC__COOP_BUDGET to 0; ac__coop_exhausted restarts it and returns true
 * on a worker: the caller must then make the await suspend. */
bool ac__coop_exhausted(void);
static inline bool ac__coop_spend(void)
{
    if (__builtin_expect(--ac__coop_left != 0, 1))
        return false;
    return ac__coop_exhausted();
}
/* A completed task holding `size` bytes of result (copied from `result`),
 * "held": what an operation that completed at once returns when it spent
 * the last unit of the budget.  It is complete (ac_when_any, ac_timeout
 * and ac_wait take it as done, as it is) and leaves the thread's budget
 * at one unit, so its await, which spends that unit, suspends
 * (ac__coop_yield); if something else takes it, the thread's next
 * operation that completes at once is the one that suspends.  Awaits of
 * completed tasks thus test nothing more than before. */
ac_task *ac__coop_held(const void *result, size_t size);
/* The await of a completed task that spent the last unit: queues waiter
 * behind the worker's tasks and gives the inject queue (timers, I/O) the
 * next turn.  Returns true (the caller suspends). */
bool ac__coop_yield(ac_task *waiter);
void ac__pool_autostart(void);

/* ---- io.c: epoll, the poll token, the I/O thread, and the poll step shared with the
 * single-threaded driver ---- */
int ac__io_start(bool own_thread);     /* 0 or -errno */
void ac__io_stop(void);
/* One poll step: waits up to timeout_ms (-1 forever) for I/O, timers or a
 * wake-up, then completes what is ready. */
void ac__io_poll(int timeout_ms);
void ac__io_wake(void);                /* interrupts a poll from any thread */
/* The poll token (io.c): a worker about to park polls epoll itself if no
 * other thread polls: true after it did (idle() is looked at with the
 * token held, woke() called once epoll_wait returned), false if another
 * thread holds the token. */
bool ac__io_park(bool (*idle)(void), void (*woke)(void));
/* A busy worker's poll without waiting, if no other thread polls. */
bool ac__io_poll_now(void);
/* Wakes the worker waiting in epoll_wait, if one is. */
void ac__io_wake_parked(void);
/* A timer became the first: the pollers' timeouts got shorter. */
void ac__io_timer_added(void);
/* For io.c's watcher: every worker is parked; one more is wanted in
 * epoll_wait (wakes one on the futex if any sleeps there). */
bool ac__pool_all_parked(void);
void ac__pool_want_poller(void);
long ac__io_pending(void);             /* I/O operations not yet completed */
/* on: from now on no I/O op may wait (an op that would gets -ECANCELED)
 * and every waiting op completes with -ECANCELED (ac_shutdown); off: ops
 * wait again (ac_start). */
void ac__io_close(bool on);
/* Blocks SIGPIPE in the calling thread for good (the runtime's threads):
 * its writes then need no mask changes (io.c, "SIGPIPE"). */
void ac__io_block_sigpipe(void);

/* ---- timer.c: a min-heap of deadlines, run by io.c's poll step ---- */
/* Milliseconds until the next deadline, 0 if one is due, -1 if none. */
int ac__timer_timeout(void);
void ac__timer_run_expired(void);      /* completes every due timer */
long ac__timer_pending(void);
/* As ac__io_close, for timers. */
void ac__timer_close(bool on);
/* Completes the timer task t (from ac_delay_cancel) with -ECANCELED if it
 * has not fired yet; else nothing.  t must not have been freed. */
void ac__timer_stop(ac_task *t);

/* ---- sync.c ---- */
/* Called by the poll step: completes the ac_signal futures of the signals
 * delivered since the last call.  Cheap when none was. */
void ac__signal_poll(void);
/* As ac__io_close, for ac_signal's waiters: nothing polls for deliveries
 * once the pool has stopped. */
void ac__signal_close(bool on);

/* ---- cancel.c: registrations of operations on a token ---- */
/* An operation's hook on a token.  Invariant: `fn` runs at most once, with
 * the token's lock held, and only while the registration is linked; an op
 * that completes by itself first calls ac__cancel_unregister, which waits
 * out a running fn (same lock), so fn never sees a freed op. */
typedef struct ac__cancel_reg ac__cancel_reg;
struct ac__cancel_reg {
    ac__cancel_reg *next, *prev;
    void (*fn)(ac__cancel_reg *reg);
    ac_cancel *token;                  /* NULL when not linked; under the
                                          token's lock */
    const char *what;                  /* the user's call, for messages */
};
/* 0, or -ECANCELED if c is already cancelled (nothing registered).
 * `what` names the public call that made the op ("ac_read"). */
int ac__cancel_register(ac_cancel *c, ac__cancel_reg *reg,
                        void (*fn)(ac__cancel_reg *), const char *what);
/* Unlinks reg if still linked; waits out a running fn.  c may be NULL. */
void ac__cancel_unregister(ac_cancel *c, ac__cancel_reg *reg);

/* ---- future.c ---- */
/* ac__task_complete for runtime tasks (promises, timers, I/O ops,
 * combinators): the awaiter is always queued (LIFO slot on a worker), never
 * run inside the call, which may hold a lock or have work left to do. */
void ac__task_complete_queued(ac_task *t);
/* Copies a completed task's result into the future at *slot and frees the
 * task (slot, fsize, falign describe the future as in ac__wait). */
void ac__future_take(ac_task **slot, size_t fsize, size_t falign);

#pragma GCC visibility pop

#endif /* ASYNCC_INTERNAL_H */
