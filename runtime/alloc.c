/* alloc.c - pooled memory for frames and tasks, by size class.
 *
 * Objects carry no header: memory comes in 64 KiB slabs aligned to 64 KiB,
 * and the slab header (first 64 bytes) names the size class, so freeing
 * finds the size with an address mask.  A suspended 24-byte frame costs 24
 * bytes plus 1/1000 of slab header.  Classes are 16, 24, then 16-byte
 * steps up to 256, then four per power of two up to 4096; bigger objects
 * get a slab of their own ("large", returned to the system on free).
 * Objects are 16-byte aligned, except in the 24-byte class, which is
 * 8-byte aligned: a C object of 17 to 24 bytes cannot need more, since
 * its size is a multiple of its alignment.  (The frame of a task awaiting
 * one future with nothing else live is 24 bytes: a third less memory
 * than the 32-byte class.)
 *
 * Each thread keeps a free list per class (no lock, no atomic); a list
 * longer than 2*BATCH gives BATCH objects back to the class's depot (one
 * mutex), and an empty list refills from the depot or carves a new slab.
 * Objects freed on another thread than the one that allocated them thus
 * circulate through the depot, and a steady program stops carving slabs:
 * after warm-up nothing is allocated from the system per request.
 * Slabs are never returned (they stay reachable from `slabs`).
 *
 * Under ASan free objects are poisoned, so a use after free of a frame is
 * still caught although the memory is pooled. */
#include "internal.h"

#include <pthread.h>
#include <string.h>

#ifdef AC__ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

enum { SLAB_SIZE = 64 * 1024, SLAB_HDR = 64, NCLASS = 33, BATCH = 64 };
enum { LARGE = 0xffff, SLAB_MAGIC = 0xac5AB };

struct slab {
    uint32_t magic;
    uint32_t cls;          /* index into class_size, or LARGE */
    size_t size;           /* usable bytes (large) */
    struct slab *next;     /* all small slabs, under depot_lock */
};

static const uint32_t class_size[NCLASS] = {
    16,   24,   32,   48,   64,   80,   96,   112,  128,  144,  160,
    176,  192,  208,  224,  240,  256,  320,  384,  448,  512,  640,
    768,  896,  1024, 1280, 1536, 1792, 2048, 2560, 3072, 3584, 4096,
};

/* A thread's cache.  free/count are touched only by the owner; its
 * counters (ac__counts, a separate thread-local so that pool.c can bump
 * them inline) are read by ac_stats_get under list_lock while the thread
 * is registered. */
struct tcache {
    void *free[NCLASS];
    uint32_t count[NCLASS];
    struct ac__counts *counts;      /* this thread's ac__counts */
    struct tcache *next, *prev;
    bool registered;
};

static __thread struct tcache tc;
/* &tc while tc is registered, else NULL: the fast paths' one thread-local
 * access (initial-exec, cheap also in libasyncc.so; tc itself is too big
 * for that model's reserve when the library is dlopen()ed). */
static __thread struct tcache *tc_live AC__TLS_IE;
__thread struct ac__counts ac__counts AC__TLS_IE;

/* Per-class depot: a free list shared by all threads. */
static struct depot {
    pthread_mutex_t lock;
    void *head;
    size_t count;
} depot[NCLASS];

static pthread_mutex_t list_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tcache *threads;          /* registered caches */
static struct slab *slabs;              /* every small slab */
static uint64_t slab_bytes;             /* under list_lock */
/* Counters of exited threads and of large objects. */
static _Atomic uint64_t dead_allocs, dead_frees, dead_sched, dead_steals;
static _Atomic int64_t dead_bytes;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;

static void tcache_flush(void *arg);

static void init_once(void)
{
    for (int i = 0; i < NCLASS; i++)
        pthread_mutex_init(&depot[i].lock, NULL);
    pthread_key_create(&key, tcache_flush);
    ac__debug_init();
}

/* {===== free-list links (poison-aware) ===== */
static void *next_of(void *p)
{
    UNPOISON(p, sizeof(void *));
    void *n = *(void **)p;
    POISON(p, sizeof(void *));
    return n;
}

static void set_next(void *p, void *n)
{
    UNPOISON(p, sizeof(void *));
    *(void **)p = n;
    POISON(p, sizeof(void *));
}
/* }===== */

/* The class of 1..256 bytes, by 8-byte steps: 16, 24, then 16-byte steps. */
static const uint8_t small_class[32] = {
    0,  0,  1,  2,  3,  3,  4,  4,  5,  5,  6,  6,  7,  7,  8,  8,
    9,  9,  10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15, 16, 16,
};

static unsigned size_class(size_t size)
{
    if (size <= 256)
        return size ? small_class[(size - 1) >> 3] : 0;
    if (size > 4096)
        return LARGE;
    unsigned g = (unsigned)(63 - __builtin_clzl(size - 1)) - 8;
    return 17 + g * 4 + (unsigned)((size - 1) >> (g + 6)) - 4;
}

static struct slab *slab_of(const void *p)
{
    struct slab *s = (struct slab *)((uintptr_t)p & ~(uintptr_t)(SLAB_SIZE - 1));
    ac__assert(s->magic == SLAB_MAGIC);
    return s;
}

static void *sys_alloc(size_t size)
{
    void *p = NULL;
    if (posix_memalign(&p, SLAB_SIZE, size) != 0)
        ac__panic("asyncc: out of memory (%zu bytes)", size);
    return p;
}

static void tcache_register(struct tcache *t)
{
    pthread_once(&once, init_once);
    pthread_setspecific(key, t);
    t->counts = &ac__counts;
    pthread_mutex_lock(&list_lock);
    t->next = threads;
    t->prev = NULL;
    if (threads)
        threads->prev = t;
    threads = t;
    t->registered = true;
    tc_live = t;
    pthread_mutex_unlock(&list_lock);
}

void ac__alloc_thread_init(void)
{
    if (!tc.registered)
        tcache_register(&tc);
}

static void bump_bytes(int64_t n)
{
    _Atomic int64_t *b = &ac__counts.bytes;
    atomic_store_explicit(b, atomic_load_explicit(b, memory_order_relaxed) + n,
                          memory_order_relaxed);
}

/* Carves a new slab of class c into the thread's empty list. */
static void carve(struct tcache *t, unsigned c)
{
    struct slab *s = sys_alloc(SLAB_SIZE);
    s->magic = SLAB_MAGIC;
    s->cls = c;
    s->size = class_size[c];
    char *base = (char *)s + SLAB_HDR;
    size_t n = (SLAB_SIZE - SLAB_HDR) / class_size[c];
    POISON(base, n * class_size[c]);
    for (size_t i = n; i-- > 0;) {
        void *p = base + i * class_size[c];
        set_next(p, t->free[c]);
        t->free[c] = p;
    }
    t->count[c] += (uint32_t)n;
    pthread_mutex_lock(&list_lock);
    s->next = slabs;
    slabs = s;
    slab_bytes += SLAB_SIZE;
    pthread_mutex_unlock(&list_lock);
}

static void refill(struct tcache *t, unsigned c)
{
    struct depot *d = &depot[c];
    pthread_mutex_lock(&d->lock);
    while (d->head && t->count[c] < BATCH) {
        void *p = d->head;
        d->head = next_of(p);
        d->count--;
        set_next(p, t->free[c]);
        t->free[c] = p;
        t->count[c]++;
    }
    pthread_mutex_unlock(&d->lock);
    if (!t->free[c])
        carve(t, c);
}

/* Gives all but `keep` objects of class c back to the depot. */
static void drain(struct tcache *t, unsigned c, uint32_t keep)
{
    struct depot *d = &depot[c];
    pthread_mutex_lock(&d->lock);
    while (t->count[c] > keep) {
        void *p = t->free[c];
        t->free[c] = next_of(p);
        t->count[c]--;
        set_next(p, d->head);
        d->head = p;
        d->count++;
    }
    pthread_mutex_unlock(&d->lock);
}

/* Thread exit: everything cached goes back, counters retire. */
static void tcache_flush(void *arg)
{
    struct tcache *t = arg;
    for (unsigned c = 0; c < NCLASS; c++)
        drain(t, c, 0);
    pthread_mutex_lock(&list_lock);
    if (t->prev)
        t->prev->next = t->next;
    else
        threads = t->next;
    if (t->next)
        t->next->prev = t->prev;
    t->registered = false;
    tc_live = NULL;
    struct ac__counts *c = t->counts;
    atomic_fetch_add(&dead_allocs, atomic_load(&c->allocs));
    atomic_fetch_add(&dead_frees, atomic_load(&c->frees));
    atomic_fetch_add(&dead_sched, atomic_load(&c->sched));
    atomic_fetch_add(&dead_steals, atomic_load(&c->steals));
    atomic_fetch_add(&dead_bytes, atomic_load(&c->bytes));
    atomic_store(&c->allocs, 0);
    atomic_store(&c->frees, 0);
    atomic_store(&c->sched, 0);
    atomic_store(&c->steals, 0);
    atomic_store(&c->bytes, 0);
    pthread_mutex_unlock(&list_lock);
}

static void *large_alloc(size_t size)
{
    struct slab *s = sys_alloc(SLAB_HDR + size);
    s->magic = SLAB_MAGIC;
    s->cls = LARGE;
    s->size = size;
    return (char *)s + SLAB_HDR;
}

/* Everything but the common case of alloc_at: first use on this thread,
 * large objects, an empty list, ASYNCC_DEBUG bookkeeping. */
static __attribute__((noinline)) void *alloc_slow(size_t size, const void *site)
{
    struct tcache *t = &tc;
    if (!t->registered)
        tcache_register(t);
    unsigned c = size_class(size);
    void *p;
    if (c == LARGE) {
        p = large_alloc(size);
        bump_bytes((int64_t)size);
    } else {
        if (!t->free[c])
            refill(t, c);
        p = t->free[c];
        t->free[c] = next_of(p);
        t->count[c]--;
        UNPOISON(p, class_size[c]);
        bump_bytes(class_size[c]);
    }
    ac__count_add(&ac__counts.allocs, 1);
    if (ac__debug)
        ac__debug_alloc(p, size, site);
    return p;
}

/* The common case inline, with no call and no saved register: a small
 * object from this thread's non-empty list (a frame, a promise). */
static inline void *alloc_at(size_t size, const void *site)
{
    struct tcache *t = tc_live;
    if (__builtin_expect(size - 1 < 256 && t && !ac__debug, 1)) {
        unsigned c = small_class[(size - 1) >> 3];
        void *p = t->free[c];
        if (__builtin_expect(p != NULL, 1)) {
            t->free[c] = next_of(p);
            t->count[c]--;
            UNPOISON(p, class_size[c]);
            bump_bytes(class_size[c]);
            ac__count_add(&ac__counts.allocs, 1);
            return p;
        }
    }
    return alloc_slow(size, site);
}

void *ac__mem_alloc_at(size_t size, const void *site)
{
    return alloc_at(size, site);
}

void *ac__mem_alloc(size_t size)
{
    return alloc_at(size, __builtin_return_address(0));
}

void *ac__frame_alloc(size_t size)
{
    return alloc_at(size, __builtin_return_address(0));
}

/* Under ASYNCC_DEBUG an embedded frame is allocated after all: the
 * bookkeeping that checks every awaited task knows allocations only. */
void *ac__frame_at(void *mem, size_t size)
{
    if (!tc_live)                   /* ac__debug is read on first use */
        ac__alloc_thread_init();
    if (mem && !ac__debug)
        return mem;
    return alloc_at(size, __builtin_return_address(0));
}

void *ac__box(void *mem, size_t size)
{
    if (!tc_live)
        ac__alloc_thread_init();
    ac_task *t = mem && !ac__debug ? mem : alloc_at(size, __builtin_return_address(0));
    atomic_init(&t->waiter, AC__WAITER_NONE);
    return t;
}

size_t ac__mem_size(const void *p)
{
    struct slab *s = slab_of(p);
    return s->cls == LARGE ? s->size : class_size[s->cls];
}

static __attribute__((noinline)) void free_slow(void *p)
{
    struct tcache *t = &tc;
    if (!t->registered)
        tcache_register(t);
    if (ac__debug)
        ac__debug_free(p);
    struct slab *s = slab_of(p);
    ac__count_add(&ac__counts.frees, 1);
    if (s->cls == LARGE) {
        bump_bytes(-(int64_t)s->size);
        s->magic = 0;
        free(s);
        return;
    }
    unsigned c = s->cls;
    bump_bytes(-(int64_t)class_size[c]);
    POISON(p, class_size[c]);
    set_next(p, t->free[c]);
    t->free[c] = p;
    if (++t->count[c] > 2 * BATCH)
        drain(t, c, BATCH);
}

/* The common case inline: a small object onto this thread's list, which
 * has room (free_slow hands a full list's surplus to the depot). */
void ac__mem_free(void *p)
{
    struct tcache *t = tc_live;
    if (__builtin_expect(ac__debug, 0))    /* its checks come before slab_of's */
        return free_slow(p);
    unsigned c = slab_of(p)->cls;
    if (__builtin_expect(c != LARGE && t && t->count[c] < 2 * BATCH, 1)) {
        ac__count_add(&ac__counts.frees, 1);
        bump_bytes(-(int64_t)class_size[c]);
        POISON(p, class_size[c]);
        set_next(p, t->free[c]);
        t->free[c] = p;
        t->count[c]++;
        return;
    }
    free_slow(p);
}

/* A freed task's waiter word (AC__WAITER_CONSUMED while the memory is not
 * reused), readable under ASan, where freed objects are poisoned. */
uintptr_t ac__mem_waiter_of(ac_task *t)
{
#ifdef AC__ASAN
    if (__asan_address_is_poisoned(&t->waiter)) {
        UNPOISON(&t->waiter, sizeof t->waiter);
        uintptr_t w = atomic_load_explicit(&t->waiter, memory_order_relaxed);
        POISON(&t->waiter, sizeof t->waiter);
        return w;
    }
#endif
    return atomic_load_explicit(&t->waiter, memory_order_relaxed);
}

void ac__alloc_count_steal(unsigned n)
{
    ac__count_add(&ac__counts.steals, n);
}

void ac_stats_get(ac_stats *out)
{
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&list_lock);
    int64_t bytes = atomic_load(&dead_bytes);
    out->allocated = atomic_load(&dead_allocs);
    out->freed = atomic_load(&dead_frees);
    out->scheduled = atomic_load(&dead_sched);
    out->steals = atomic_load(&dead_steals);
    for (struct tcache *t = threads; t; t = t->next) {
        struct ac__counts *c = t->counts;
        out->allocated += atomic_load_explicit(&c->allocs, memory_order_relaxed);
        out->freed += atomic_load_explicit(&c->frees, memory_order_relaxed);
        out->scheduled += atomic_load_explicit(&c->sched, memory_order_relaxed);
        out->steals += atomic_load_explicit(&c->steals, memory_order_relaxed);
        bytes += atomic_load_explicit(&c->bytes, memory_order_relaxed);
    }
    out->slab_bytes = slab_bytes;
    pthread_mutex_unlock(&list_lock);
    out->live = out->allocated - out->freed;
    out->live_bytes = bytes > 0 ? (uint64_t)bytes : 0;
}
