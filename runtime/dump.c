/* dump.c - ac_dump_tasks: what every suspended task is waiting for.
 *
 * A suspended frame is found in the live-task table (debug.c) as an entry
 * whose last awaited task still names it in its waiter word.  Its header's
 * resume function is the await it stopped at: the compiler's site tables
 * (section ac__sites, compiler/sites.c) turn it into the function's name,
 * file:line and the await's text.  The awaited task is named the same way
 * when it is a frame, else by the runtime file that owns it (timer, I/O op,
 * promise, ac_wait), or by the call it stands for (ac_when_all, ac_timeout,
 * ac_lock: combine.c, sync.c), with the task awaiting that call.  Nothing
 * here runs unless the table is on (ASYNCC_DEBUG=1 or ASYNCC_DUMP=1):
 * generated code and the hot paths pay nothing for it.
 *
 * ASYNCC_DUMP=1 also dumps to stderr on SIGUSR1: the handler only writes a
 * byte to a pipe (async-signal-safe); a thread of its own, started then,
 * reads it and prints. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Every module's tables, gathered by the linker; weak: a program without
 * generated code has none.  In a program linked with libasyncc.so these
 * resolve to the executable's section. */
extern const ac__site __start_ac__sites[] __attribute__((weak));
extern const ac__site __stop_ac__sites[] __attribute__((weak));

const ac__site *ac__site_of(void (*resume)(ac_task *))
{
    for (const ac__site *s = __start_ac__sites; s && s < __stop_ac__sites; s++)
        if (s->resume == resume)
            return s;
    return NULL;
}

typedef void (*resume_fn)(ac_task *);

/* A frame's state as its last await recorded it (a running frame may be
 * writing its header now); a runtime task's own, set before it was
 * published. */
static resume_fn resume_of(const ac_task *t)
{
    const struct ac__debug_entry *e = ac__debug_find(t);
    return e && e->resume ? e->resume : t->resume;
}

static void describe_waiter(uintptr_t w, char *buf, size_t len);

/* A frame's name, a runtime task's kind, or its creator's place. */
static void describe(const ac_task *t, char *buf, size_t len)
{
    const ac__site *s = ac__site_of(resume_of(t));
    if (s) {
        snprintf(buf, len, "task %s", s->func);
        return;
    }
    if (ac__timer_describe(t, buf, len) || ac__io_describe(t, buf, len) ||
        ac__pool_describe(t, buf, len))
        return;
    const struct ac__debug_entry *e = ac__debug_find(t);
    uintptr_t then = 0;
    if (ac__combine_describe(t, e ? e->size : 0, buf, len, &then) ||
        ac__sync_describe(t, e ? e->size : 0, buf, len, &then)) {
        size_t n = strlen(buf);
        if (then > AC__WAITER_CONSUMED && n + 16 < len) {   /* a task awaits the call */
            n += (size_t)snprintf(buf + n, len - n, ", awaited by ");
            describe_waiter(then, buf + n, len - n);
        }
        return;
    }
    char where[512] = "?";
    if (e)
        ac__debug_describe(where, sizeof where, e->site);
    if (ac__future_describe(t, buf, len)) {
        size_t n = strlen(buf);
        snprintf(buf + n, len - n, " made at %s", where);
        return;
    }
    snprintf(buf, len, "a runtime task made at %s", where);
}

static void describe_waiter(uintptr_t w, char *buf, size_t len)
{
    if (w == AC__WAITER_NONE)
        snprintf(buf, len, "nobody yet (its future is held)");
    else if (w == AC__WAITER_DETACHED)
        snprintf(buf, len, "nobody (detached)");
    else if (w <= AC__WAITER_CONSUMED)
        snprintf(buf, len, "nobody");
    else
        describe((const ac_task *)w, buf, len);
}

struct line {
    uint64_t since;
    char text[2048];
};

struct dump {
    struct line *lines;
    size_t n, cap;
    uint64_t now;
};

static void visit(const struct ac__debug_entry *e, void *arg)
{
    struct dump *d = arg;
    ac_task *fr = e->p, *t = e->awaiting;
    if (!t || !ac__debug_find(t) ||
        atomic_load_explicit(&t->waiter, memory_order_acquire) != (uintptr_t)fr)
        return;                         /* not suspended (now) */
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 64;
        struct line *l = realloc(d->lines, cap * sizeof *l);
        if (!l)
            return;
        d->lines = l;
        d->cap = cap;
    }
    struct line *l = &d->lines[d->n++];
    l->since = e->since;
    char what[512], who[512];
    describe(t, what, sizeof what);
    describe_waiter(atomic_load_explicit(&fr->waiter, memory_order_acquire),
                    who, sizeof who);
    double ms = (double)(d->now - e->since) / 1e6;
    const ac__site *s = ac__site_of(e->resume);
    if (s)
        snprintf(l->text, sizeof l->text,
                 "  %s at %s:%d: %s\n      waits for %s, for %.0f ms; awaited by %s\n",
                 s->func, s->file, s->line, s->expr, what, ms, who);
    else
        snprintf(l->text, sizeof l->text,
                 "  a task without a site table (%p)\n"
                 "      waits for %s, for %.0f ms; awaited by %s\n",
                 (void *)fr, what, ms, who);
}

static int longest_first(const void *a, const void *b)
{
    const struct line *x = a, *y = b;
    return x->since < y->since ? -1 : x->since > y->since;
}

int ac_dump_tasks(FILE *out)
{
    if (!ac__debug) {
        fprintf(out, "asyncc: no task dump: the live-task registry is off "
                     "(set ASYNCC_DUMP=1 or ASYNCC_DEBUG=1)\n");
        return -ENOTSUP;
    }
    struct dump d = {.now = ac__now_ns()};
    ac__debug_each(visit, &d);
    if (d.n)
        qsort(d.lines, d.n, sizeof *d.lines, longest_first);
    fprintf(out, "asyncc: %zu suspended task%s\n", d.n, d.n == 1 ? "" : "s");
    for (size_t i = 0; i < d.n; i++)
        fputs(d.lines[i].text, out);
    fflush(out);
    free(d.lines);
    return (int)d.n;
}

/* {===== SIGUSR1 ===== */
static int pipe_fd[2] = {-1, -1};
/* The process whose dumper thread reads the pipe.  A child made by fork
 * keeps the handler and the pipe but not the thread: its signal would make
 * the parent dump the parent's tasks, so there it is ignored. */
static pid_t dump_pid;

static void on_sigusr1(int sig)
{
    (void)sig;
    int saved = errno;
    if (getpid() == dump_pid) {
        char c = 0;
        ssize_t r = write(pipe_fd[1], &c, 1);  /* full pipe: a dump is pending */
        (void)r;
    }
    errno = saved;
}

static void *dumper(void *arg)
{
    (void)arg;
    char buf[64];
    for (;;) {
        ssize_t r = read(pipe_fd[0], buf, sizeof buf);
        if (r > 0)
            ac_dump_tasks(stderr);
        else if (r == 0 || errno != EINTR)
            return NULL;
    }
}

bool ac__dump_init(void)
{
    const char *e = getenv("ASYNCC_DUMP");
    if (!e || !*e || strcmp(e, "0") == 0)
        return false;
    if (pipe2(pipe_fd, O_CLOEXEC) < 0)
        return true;
    dump_pid = getpid();
    fcntl(pipe_fd[1], F_SETFL, O_NONBLOCK);
    /* The thread takes no signal: the handler runs on the program's. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    pthread_t th;
    bool ok = pthread_create(&th, NULL, dumper, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (!ok)
        return true;
    pthread_detach(th);
    struct sigaction sa = {.sa_handler = on_sigusr1, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    return true;
}
/* }===== */
