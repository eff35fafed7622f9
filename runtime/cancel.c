/* cancel.c - cancellation tokens.
 *
 * A token is a lock, a flag and a doubly linked list of registrations
 * (ac__cancel_reg, embedded in the operations).  ac_cancel_trigger unlinks
 * each registration and runs its fn with the lock held; an operation that
 * completes by itself unregisters under the same lock first.  So fn and the
 * operation's own completion never overlap, and fn never sees freed memory:
 * the op is freed only after it completed, which is after it unregistered. */
#include "internal.h"

#include <errno.h>

struct ac_cancel {               /* 16 bytes: one cache line (lock.c) */
    ac__lock_t lock;
    _Atomic bool requested;
    ac__cancel_reg *head;       /* linked registrations, under lock */
};
_Static_assert(sizeof(struct ac_cancel) <= 16, "a token is in one cache line");

ac_cancel *ac_cancel_new(void)
{
    return calloc(1, sizeof(ac_cancel));
}

void ac__cancel_free_at(ac_cancel *c, const char *file, int line)
{
    if (!c)
        return;
    ac__lock(&c->lock);
    ac__cancel_reg *r = c->head;
    size_t n = 0;
    for (ac__cancel_reg *q = r; q; q = q->next)
        n++;
    ac__unlock(&c->lock);
    if (r)
        ac__panic("%s:%d: ac_cancel_free: the token is still held by %zu "
                  "pending operation%s (the newest: %s); cancel it with "
                  "ac_cancel_trigger and consume their futures first",
                  file ? file : "?", line, n, n == 1 ? "" : "s",
                  r->what ? r->what : "an operation");
    free(c);
}

#undef ac_cancel_free
void ac_cancel_free(ac_cancel *c)
{
    ac__cancel_free_at(c, NULL, 0);
}

bool ac_cancel_requested(const ac_cancel *c)
{
    return c && atomic_load_explicit(&c->requested, memory_order_acquire);
}

void ac_cancel_trigger(ac_cancel *c)
{
    ac__lock(&c->lock);
    atomic_store_explicit(&c->requested, true, memory_order_release);
    ac__cancel_reg *r;
    while ((r = c->head)) {
        c->head = r->next;
        if (c->head)
            c->head->prev = NULL;
        r->next = r->prev = NULL;
        r->token = NULL;
        r->fn(r);               /* may complete (and so free) r's op */
    }
    ac__unlock(&c->lock);
}

int ac__cancel_register(ac_cancel *c, ac__cancel_reg *reg,
                        void (*fn)(ac__cancel_reg *), const char *what)
{
    reg->fn = fn;
    reg->what = what;
    reg->next = reg->prev = NULL;
    reg->token = NULL;
    if (!c)
        return 0;
    ac__lock(&c->lock);
    if (atomic_load_explicit(&c->requested, memory_order_relaxed)) {
        ac__unlock(&c->lock);
        return -ECANCELED;
    }
    reg->token = c;
    reg->next = c->head;
    if (c->head)
        c->head->prev = reg;
    c->head = reg;
    ac__unlock(&c->lock);
    return 0;
}

void ac__cancel_unregister(ac_cancel *c, ac__cancel_reg *reg)
{
    if (!c)
        return;
    ac__lock(&c->lock);
    if (reg->token) {
        if (reg->prev)
            reg->prev->next = reg->next;
        else
            c->head = reg->next;
        if (reg->next)
            reg->next->prev = reg->prev;
        reg->token = NULL;
    }
    ac__unlock(&c->lock);
}
