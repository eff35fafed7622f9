/* future.c - the task protocol (docs/abi.md) and promises.
 *
 * A task's `waiter` word is its only synchronisation:
 *
 *     NONE --await(w)--> w --complete--> DONE      (w is scheduled)
 *     NONE --complete--> DONE --await--> (false: continue inline)
 *     NONE --detach----> DETACHED --complete--> DONE, task freed
 *
 * The completer writes the result, then exchanges DONE in (release), and
 * the consumer reads the result after observing DONE (acquire), directly
 * or through the scheduler.  Exactly one side sees the other's value, so a
 * completion is never lost and an awaiter never resumes twice.  Any other
 * transition (await or detach twice, complete twice) is a misuse and aborts
 * at once, instead of corrupting memory later.
 *
 * The yield sentinel (ac__yield_task, the task of every ac_yield() future)
 * is the one exception: it is never allocated, never completes and its
 * `waiter` stays NONE forever (so the inline ac__task_done says false).
 * Awaiting it puts the awaiter at the back of the run queue instead of
 * registering it; freeing or detaching it does nothing.  Each entry point
 * tests for it first, before the debug checks (the sentinel is not from
 * the allocator) and before any atomic. */
#include "internal.h"

#include <string.h>

enum { RESULT_OFFSET = sizeof(ac_task) };

static const char *waiter_name(uintptr_t w)
{
    return w == AC__WAITER_DONE       ? "completed and consumed"
           : w == AC__WAITER_DETACHED ? "detached"
           : w == AC__WAITER_CONSUMED ? "already consumed (freed)"
                                      : "already awaited";
}

/* A second consumption of a pending future.  A task freed by its consumer
 * keeps AC__WAITER_CONSUMED in its waiter word while its memory is not
 * reused (the free lists link through the first word only), so a second
 * await or ac_wait of the same future is caught here in every build mode;
 * the await is named by its call site (the return address into the
 * generated code, whose #line points at the user's await; file:line when
 * addr2line finds it).  ASYNCC_DEBUG catches the reused case too. */
__attribute__((noreturn, noinline, cold)) static void
await_misuse(ac_task *t, uintptr_t w, ac_task *waiter, const void *site)
{
    char where[512] = "?";
    /* A frame's await is named by its site (the user's file:line: the
     * frame's resume function was set before it awaited); anything else
     * (ac_wait's waiter, a combinator) by the call's return address. */
    const ac__site *s = ac__site_of(waiter->resume);
    if (s)
        snprintf(where, sizeof where, "%s:%d (%s, in %s)", s->file, s->line, s->expr, s->func);
    else
        ac__debug_describe(where, sizeof where, site);
    ac__panic("task %p consumed twice: awaited while %s (a future awaited "
              "after it was consumed?); the await is at %s",
              (void *)t, waiter_name(w), where);
}

static inline bool await_register(ac_task *t, ac_task *waiter)
{
    uintptr_t w = AC__WAITER_NONE;
    if (atomic_compare_exchange_strong_explicit(
            &t->waiter, &w, (uintptr_t)waiter, memory_order_acq_rel,
            memory_order_acquire))
        return true;
    if (w == AC__WAITER_DONE) {
        if (__builtin_expect(!ac__coop_spend(), 1))
            return false;
        return ac__coop_yield(waiter);  /* budget spent: t stays DONE */
    }
    /* The return address is read only here, on the cold path. */
    await_misuse(t, w, waiter, __builtin_return_address(0));
}

__attribute__((noinline, cold)) static bool await_debug(ac_task *t,
                                                        ac_task *waiter)
{
    ac__debug_await(t, waiter);
    return await_register(t, waiter);
}

/* Every call is out of line or a tail call, so that the fast paths need no
 * stack frame: the sentinel's is a compare and a jump. */
bool ac__task_await_any(ac_task *t, ac_task *waiter)
{
    if (t == &ac__yield_task)
        return ac__yield_await(waiter);
    if (__builtin_expect(ac__debug, 0))
        return await_debug(t, waiter);
#ifdef AC__ASAN     /* freed objects are poisoned: look before the CAS */
    if (ac__mem_waiter_of(t) == AC__WAITER_CONSUMED)
        await_misuse(t, AC__WAITER_CONSUMED, waiter, __builtin_return_address(0));
#endif
    return await_register(t, waiter);
}

/* A frame's own completion, at the end of its resume function (nothing
 * held, nothing touched after): the awaiter runs at once on this worker
 * (symmetric transfer, depth-bounded by ac__pool_transfer). */
void ac__task_complete(ac_task *t)
{
    uintptr_t w = atomic_exchange_explicit(&t->waiter, AC__WAITER_DONE,
                                           memory_order_acq_rel);
    if (__builtin_expect(w > AC__WAITER_DETACHED, 1))
        ac__pool_transfer((ac_task *)w);
    else if (w == AC__WAITER_DETACHED)
        ac__mem_free(t);
    else if (w == AC__WAITER_DONE)
        ac__panic("task %p completed twice", (void *)t);
}

/* Everything else (timers, I/O ops, combinators, the waiters of sync.c)
 * may complete while holding a lock or with work left to do: the awaiter
 * is queued. */
void ac__task_complete_queued(ac_task *t)
{
    uintptr_t w = atomic_exchange_explicit(&t->waiter, AC__WAITER_DONE,
                                           memory_order_acq_rel);
    if (w == AC__WAITER_NONE)
        return;
    if (w == AC__WAITER_DETACHED)
        ac__mem_free(t);
    else if (w == AC__WAITER_DONE)
        ac__panic("task %p completed twice", (void *)t);
    else
        ac__pool_schedule((ac_task *)w);
}

void ac__task_free_any(ac_task *t)
{
    if (t == &ac__yield_task)      /* called directly, not through the inline */
        return;
    if (ac__debug)
        ac__debug_check(t, "freed");
    uintptr_t w = atomic_load_explicit(&t->waiter, memory_order_relaxed);
    if (w != AC__WAITER_DONE)
        ac__panic(w == AC__WAITER_CONSUMED
                      ? "task %p consumed twice (freed again, waiter %#lx)"
                      : "task %p freed before it completed (waiter %#lx)",
                  (void *)t, (unsigned long)w);
    atomic_store_explicit(&t->waiter, AC__WAITER_CONSUMED, memory_order_relaxed);
    ac__mem_free(t);
}

void ac__frame_free(void *frame)
{
    ac__mem_free(frame);
}

void ac__detach(ac_task *t)
{
    if (!t || t == &ac__yield_task)
        return;
    if (ac__debug)
        ac__debug_check(t, "detached");
    uintptr_t w = AC__WAITER_NONE;
    if (atomic_compare_exchange_strong_explicit(
            &t->waiter, &w, AC__WAITER_DETACHED, memory_order_acq_rel,
            memory_order_acquire))
        return;
    if (w != AC__WAITER_DONE)
        ac__panic("task %p consumed twice: detached while %s", (void *)t,
                  waiter_name(w));
    atomic_store_explicit(&t->waiter, AC__WAITER_CONSUMED, memory_order_relaxed);
    ac__mem_free(t);
}

/* A future { task; T value } with alignment A keeps value at offset A; the
 * task keeps its result at max(16, A).  Both hold fsize - A bytes. */
static size_t result_offset(size_t falign)
{
    return falign > RESULT_OFFSET ? falign : RESULT_OFFSET;
}

void ac__future_take(ac_task **slot, size_t fsize, size_t falign)
{
    ac_task *t = *slot;
    if (!t)
        return;
    memcpy((char *)slot + falign, (char *)t + result_offset(falign),
           fsize - falign);
    ac__task_free(t);
    *slot = NULL;
}

/* A promise is a bare task: the future owns it, the producer only
 * completes it, so no reference count is needed. */
static void promise_resume(ac_task *t)
{
    ac__panic("promise %p scheduled: it has no code to run", (void *)t);
}

ac_promise *ac__promise_new(ac_task **slot, size_t fsize, size_t falign)
{
    size_t size = result_offset(falign) + fsize - falign;
    ac_task *t = ac__mem_alloc_at(size, __builtin_return_address(0));
    t->resume = promise_resume;
    atomic_init(&t->waiter, AC__WAITER_NONE);
    *slot = t;
    return (ac_promise *)t;
}

/* On a worker the awaiter runs inside this call (symmetric transfer,
 * bounded as for a frame: ac__pool_transfer); so a producer must not hold
 * a lock the awaiter may take (asyncc.h, section 3). */
void ac_promise_complete(ac_promise *p)
{
    ac__task_complete((ac_task *)p);
}

bool ac__future_describe(const ac_task *t, char *buf, size_t len)
{
    if (t->resume != promise_resume)
        return false;
    snprintf(buf, len, "a promise");
    return true;
}
