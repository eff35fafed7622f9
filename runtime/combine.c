/* combine.c - ac_when_all and ac_when_any.
 *
 * Both take an array of futures of one type and consume it.  Inputs that
 * are already complete are settled at once, in place (value copied into
 * the array element, task freed), so combining completed futures allocates
 * nothing.  Otherwise one allocation holds a "link" task per pending input:
 * the link awaits its input and, when resumed, settles it.
 *
 * when_all: the join object is itself the result task; a counter of
 * unsettled inputs (plus one held by the setup, so that the setup cannot
 * race with the last link) completes it at zero.  No link touches the join
 * after its decrement, so the consumer may free it as soon as it is done.
 *
 * when_any: the first link to settle wins (an atomic flag), writes its
 * value and index and completes a separate result task; losers only free
 * their input.  The join outlives the result: the last link frees it. */
#include "internal.h"

#include <errno.h>
#include <string.h>

struct link {
    ac_task hdr;
    ac_task *input;
    struct join *join;
    size_t index;
};

struct join {
    ac_task hdr;               /* when_all: the result task */
    ac_task *result;           /* when_any: separate result task */
    _Atomic size_t unsettled;  /* links not yet resumed, +1 during setup */
    _Atomic bool decided;      /* when_any: a winner exists */
    char *futs;                /* the caller's array */
    size_t fsize, falign;
    struct link links[];
};

static ac_task **elem(char *futs, size_t fsize, size_t i)
{
    return (ac_task **)(futs + i * fsize);
}

/* Copies input i's value into the array and frees its task. */
static void settle(struct join *j, size_t i, ac_task *input)
{
    ac_task **slot = elem(j->futs, j->fsize, i);
    *slot = input;
    ac__future_take(slot, j->fsize, j->falign);
}

static void all_release(struct join *j)
{
    if (atomic_fetch_sub_explicit(&j->unsettled, 1, memory_order_acq_rel) == 1)
        ac__task_complete_queued(&j->hdr);
}

static void all_link_resume(ac_task *self)
{
    struct link *l = (struct link *)self;
    settle(l->join, l->index, l->input);
    all_release(l->join);
}

static struct join *join_new(size_t n, char *futs, size_t fsize,
                             size_t falign, void (*resume)(ac_task *))
{
    struct join *j = ac__mem_alloc(sizeof *j + n * sizeof(struct link));
    j->hdr.resume = NULL;
    atomic_init(&j->hdr.waiter, AC__WAITER_NONE);
    j->result = NULL;
    atomic_init(&j->unsettled, n + 1);
    atomic_init(&j->decided, false);
    j->futs = futs;
    j->fsize = fsize;
    j->falign = falign;
    for (size_t i = 0; i < n; i++) {
        j->links[i].hdr.resume = resume;
        atomic_init(&j->links[i].hdr.waiter, AC__WAITER_NONE);
        j->links[i].join = j;
        j->links[i].input = NULL;
    }
    return j;
}

ac_future_void ac__when_all(ac_task **first, size_t n, size_t fsize,
                            size_t falign)
{
    char *futs = (char *)first;
    size_t pending = 0;
    for (size_t i = 0; i < n; i++) {
        ac_task **slot = elem(futs, fsize, i);
        if (*slot && ac__task_done(*slot))
            ac__future_take(slot, fsize, falign);
        pending += *slot != NULL;
    }
    if (pending == 0)
        return (ac_future_void){NULL};

    struct join *j = join_new(pending, futs, fsize, falign, all_link_resume);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        ac_task **slot = elem(futs, fsize, i);
        if (!*slot)
            continue;
        struct link *l = &j->links[k++];
        l->index = i;
        l->input = *slot;
        *slot = NULL;
    }
    for (size_t i = 0; i < pending; i++) {
        struct link *l = &j->links[i];
        if (!ac__task_await(l->input, &l->hdr))
            all_link_resume(&l->hdr);   /* completed meanwhile */
    }
    if (atomic_fetch_sub_explicit(&j->unsettled, 1, memory_order_acq_rel) == 1) {
        ac__mem_free(j);     /* never published */
        return (ac_future_void){NULL};
    }
    return (ac_future_void){&j->hdr};
}

static void any_link_resume(ac_task *self)
{
    struct link *l = (struct link *)self;
    struct join *j = l->join;
    if (!atomic_exchange_explicit(&j->decided, true, memory_order_acq_rel)) {
        settle(j, l->index, l->input);
        AC__RESULT(size_t, j->result) = l->index;
        ac__task_complete_queued(j->result);
    } else {
        ac__task_free(l->input);
    }
    if (atomic_fetch_sub_explicit(&j->unsettled, 1, memory_order_acq_rel) == 1)
        ac__mem_free(j);
}

/* Some input is complete: it wins, every other input is detached. */
static ac_future_size_t any_now(char *futs, size_t n, size_t fsize,
                                size_t falign, size_t win)
{
    for (size_t i = 0; i < n; i++) {
        ac_task **slot = elem(futs, fsize, i);
        if (i == win) {
            ac__future_take(slot, fsize, falign);
        } else {
            ac__detach(*slot);
            *slot = NULL;
        }
    }
    return (ac_future_size_t){NULL, win};
}

ac_future_size_t ac__when_any(ac_task **first, size_t n, size_t fsize,
                              size_t falign)
{
    char *futs = (char *)first;
    if (n == 0)
        return (ac_future_size_t){NULL, (size_t)-EINVAL};
    for (size_t i = 0; i < n; i++) {
        ac_task *t = *elem(futs, fsize, i);
        if (!t || ac__task_done(t))
            return any_now(futs, n, fsize, falign, i);
    }
    struct join *j = join_new(n, futs, fsize, falign, any_link_resume);
    ac_task *r = ac__mem_alloc(sizeof(ac_task) + sizeof(size_t));
    r->resume = NULL;
    atomic_init(&r->waiter, AC__WAITER_NONE);
    j->result = r;
    for (size_t i = 0; i < n; i++) {
        ac_task **slot = elem(futs, fsize, i);
        j->links[i].index = i;
        j->links[i].input = *slot;
        *slot = NULL;
    }
    for (size_t i = 0; i < n; i++) {
        struct link *l = &j->links[i];
        if (!ac__task_await(l->input, &l->hdr))
            any_link_resume(&l->hdr);
    }
    if (atomic_fetch_sub_explicit(&j->unsettled, 1, memory_order_acq_rel) == 1)
        ac__mem_free(j);
    return (ac_future_size_t){r, 0};
}

bool ac__combine_describe(const ac_task *t, size_t size, char *buf, size_t len,
                          uintptr_t *then)
{
    if (t->resume == all_link_resume || t->resume == any_link_resume) {
        const struct join *j = ((const struct link *)t)->join;
        const ac_task *r = t->resume == all_link_resume ? &j->hdr : j->result;
        snprintf(buf, len, "%s", t->resume == all_link_resume ? "ac_when_all" : "ac_when_any");
        *then = atomic_load_explicit(&r->waiter, memory_order_acquire);
        return true;
    }
    if (t->resume)
        return false;
    /* A join holds at least one link, which names it; ac_when_any's result
     * is a bare task and a value, too small to be read as a join. */
    const struct join *j = (const struct join *)t;
    if (size >= sizeof *j + sizeof j->links[0] && j->links[0].join == j) {
        size_t left = atomic_load_explicit(&j->unsettled, memory_order_relaxed);
        snprintf(buf, len, "ac_when_all (%zu input%s pending)", left, left == 1 ? "" : "s");
    } else {
        snprintf(buf, len, "ac_when_any");
    }
    return true;
}
