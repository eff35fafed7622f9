/* debug.c - ASYNCC_DEBUG=1: which tasks are live, and where each was made.
 *
 * Every allocation of a frame or task is entered in a hash table with the
 * code address of its creator (the caller of ac__frame_alloc or of the
 * runtime call that made the task).  Freeing a pointer that is not live is
 * a future consumed twice: it is reported with its creator and aborts.
 * ac_shutdown and process exit list what is still live (leaked futures,
 * tasks that never completed).  Addresses print as module+offset, ready
 * for `addr2line -f -e module offset`.  Off by default: it costs a lock
 * per allocation.
 *
 * Each await also records in the awaiting frame's entry the task it awaits,
 * since when and its own state (the await's debug branch, future.c):
 * ac_dump_tasks (dump.c) and the gdb extension (dist/asyncc-gdb.py) read
 * that.  ASYNCC_DUMP=1 turns the table on without the reports (dump.c). */
#include "internal.h"

#include <dlfcn.h>
#include <pthread.h>
#include <string.h>

bool ac__debug;

/* gdb loads the asyncc commands (dist/asyncc-gdb.py, docs/debugging.md)
 * for every program linked with the runtime: the script is embedded in
 * .debug_gdb_scripts (4: inline Python; "MS" merges duplicate copies). */
__asm__(".pushsection \".debug_gdb_scripts\", \"MS\",@progbits,1\n"
        ".byte 4\n"
        ".ascii \"gdb.inlined-script.asyncc\\n\"\n"
        ".incbin \"dist/asyncc-gdb.py\"\n"
        ".byte 0\n"
        ".popsection\n");

static bool reports;             /* ASYNCC_DEBUG: leaks at shutdown and exit */

/* Not static: the gdb extension reads the table (dist/asyncc-gdb.py). */
pthread_mutex_t ac__debug_lock = PTHREAD_MUTEX_INITIALIZER;
struct ac__debug_entry *ac__debug_table;
size_t ac__debug_cap;
static size_t used;             /* counts non-empty slots */

static size_t hash(const void *p)
{
    return ((uintptr_t)p >> 4) * 0x9E3779B97F4A7C15ull;
}

static struct ac__debug_entry *find(void *p)
{
    size_t i = hash(p) & (ac__debug_cap - 1);
    while (ac__debug_table[i].p && ac__debug_table[i].p != p)
        i = (i + 1) & (ac__debug_cap - 1);
    return &ac__debug_table[i];
}

static void grow(void)
{
    struct ac__debug_entry *old = ac__debug_table;
    size_t n = ac__debug_cap;
    ac__debug_cap = ac__debug_cap ? ac__debug_cap * 2 : 4096;
    ac__debug_table = calloc(ac__debug_cap, sizeof *ac__debug_table);
    ac__assert(ac__debug_table);
    used = 0;
    for (size_t i = 0; i < n; i++)
        if (old[i].p && old[i].live) {
            *find(old[i].p) = old[i];
            used++;
        }
    free(old);
}

/* "file.c:17" for offset off of module, from addr2line (binutils), into
 * buf; false if it is not installed or the module has no line ac__debug_table.
 * Only on error paths, and for the first few sites: a report listing
 * thousands of leaks must not start thousands of processes. */
static bool source_line(char *buf, size_t len, const char *module, unsigned long off)
{
    static _Atomic int budget = 16;
    if (atomic_fetch_sub(&budget, 1) <= 0 || strchr(module, '\''))
        return false;
    char cmd[4096 + 64];
    snprintf(cmd, sizeof cmd, "addr2line -e '%s' %#lx 2>/dev/null", module, off);
    FILE *p = popen(cmd, "r");
    if (!p)
        return false;
    bool ok = fgets(buf, (int)len, p) && buf[0] != '?';
    pclose(p);
    buf[strcspn(buf, " \n")] = 0;
    const char *colon = strrchr(buf, ':');
    return ok && colon && colon[1] >= '1' && colon[1] <= '9';   /* not "x.c:?" */
}

void ac__debug_describe(char *buf, size_t len, const void *site)
{
    Dl_info info;
    if (site && dladdr(site, &info) && info.dli_fname) {
        unsigned long off = (uintptr_t)site - (uintptr_t)info.dli_fbase;
        char line[512];
        if (source_line(line, sizeof line, info.dli_fname, off))
            snprintf(buf, len, "%s (%s+%#lx)", line, info.dli_fname, off);
        else
            snprintf(buf, len, "%s+%#lx", info.dli_fname, off);
    } else {
        snprintf(buf, len, "%p", site);
    }
}

static void report_at_exit(void)
{
    ac__debug_report("at exit");
}

void ac__debug_init(void)
{
    const char *e = getenv("ASYNCC_DEBUG");
    reports = e && *e && strcmp(e, "0") != 0;
    ac__debug = reports || ac__dump_init();
    if (reports)
        atexit(report_at_exit);
}

void ac__debug_alloc(void *p, size_t size, const void *site)
{
    pthread_mutex_lock(&ac__debug_lock);
    if ((used + 1) * 2 > ac__debug_cap)
        grow();
    struct ac__debug_entry *e = find(p);
    if (!e->p)
        used++;
    *e = (struct ac__debug_entry){p, site, size, true, NULL, 0, NULL};
    pthread_mutex_unlock(&ac__debug_lock);
}

/* Panics unless p is live; marks it freed if `release`. */
static void check(void *p, const char *what, bool release)
{
    pthread_mutex_lock(&ac__debug_lock);
    struct ac__debug_entry *e = ac__debug_cap ? find(p) : NULL;
    if (e && e->p == p && e->live) {
        if (release)
            e->live = false;
        pthread_mutex_unlock(&ac__debug_lock);
        return;
    }
    char where[512] = "unknown creator";
    if (e && e->p == p)
        ac__debug_describe(where, sizeof where, e->site);
    pthread_mutex_unlock(&ac__debug_lock);
    ac__panic("task %p consumed twice (%s after it was freed); created at %s",
              p, what, where);
}

void ac__debug_free(void *p)
{
    check(p, "freed", true);
}

void ac__debug_check(void *p, const char *what)
{
    check(p, what, false);
}

long ac__debug_report(const char *why)
{
    if (!reports)
        return 0;
    long n = 0;
    pthread_mutex_lock(&ac__debug_lock);
    for (size_t i = 0; i < ac__debug_cap; i++) {
        struct ac__debug_entry *e = &ac__debug_table[i];
        if (!e->p || !e->live)
            continue;
        char where[512];
        ac__debug_describe(where, sizeof where, e->site);
        fprintf(stderr, "asyncc: %s: task %p (%zu bytes) live, created at %s\n",
                why, e->p, e->size, where);
        n++;
    }
    pthread_mutex_unlock(&ac__debug_lock);
    return n;
}

/* An await under the table: t must be live (a consumed future is caught
 * here); the waiter's entry learns what it awaits and since when. */
void ac__debug_await(ac_task *t, ac_task *waiter)
{
    check(t, "awaited", false);
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    pthread_mutex_lock(&ac__debug_lock);
    struct ac__debug_entry *e = find(waiter);
    if (e->p == waiter && e->live) {
        e->awaiting = t;
        e->since = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
        e->resume = waiter->resume;     /* written by this thread */
    }
    pthread_mutex_unlock(&ac__debug_lock);
}

/* fn(entry, arg) for each live entry, under the lock: objects
 * stay allocated meanwhile (a free waits for the lock). */
void ac__debug_each(void (*fn)(const struct ac__debug_entry *, void *), void *arg)
{
    pthread_mutex_lock(&ac__debug_lock);
    for (size_t i = 0; i < ac__debug_cap; i++)
        if (ac__debug_table[i].p && ac__debug_table[i].live)
            fn(&ac__debug_table[i], arg);
    pthread_mutex_unlock(&ac__debug_lock);
}

/* The entry of a live p, or NULL; only inside ac__debug_each's fn. */
const struct ac__debug_entry *ac__debug_find(const void *p)
{
    if (!ac__debug_cap || !p)
        return NULL;
    struct ac__debug_entry *e = find((void *)p);
    return e->p == p && e->live ? e : NULL;
}
