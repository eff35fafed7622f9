/* limit.c (plain C) - "the limit": the same jobs as suspend.c, spawn.c and
 * tasks.c written by hand as C state machines on the least scheduler that
 * can run them, a single-threaded ring of task pointers (no pool, no
 * atomics, no statistics, no asyncc at all).  What no runtime can beat on
 * one core; sm.c is the same kind of code on asyncc's own runtime.
 *
 *   limit yield N   one task re-queues itself N times (suspend_resume_*)
 *   limit child N   a parent runs N children one after the other; each
 *                   child's state lives inside the parent's frame (what a
 *                   programmer writes by hand: no allocation), suspends
 *                   once through the ring, and on completion resumes its
 *                   parent directly (a tail call: symmetric transfer)
 *                   (await_suspending_child_*)
 *   limit spawn N   a spawner makes N tasks (a malloc'd frame each), each
 *                   goes through the ring once, counts down and frees
 *                   itself; the spawner re-queues itself every 128 spawns
 *                   so that the ring stays bounded (spawn_*)
 *   limit tasks N   memory per suspended task: N events, then N malloc'd
 *                   frames each waiting on its own event; prints "<bytes
 *                   per task> <bytes per event>" from RSS, then completes
 *                   every event and checks that every task finished
 *
 * Prints ns per iteration (spawn: tasks per second), like the others. */
#include <stdbool.h>
#include <string.h>
#include "common.h"

typedef struct task task;
struct task {
    void (*resume)(task *self);
};

enum { RING = 1024 };
static task *ring[RING];
static unsigned head, tail;

static inline void push(task *t)
{
    ring[tail++ % RING] = t;
}

static void run(void)
{
    while (head != tail) {
        task *t = ring[head++ % RING];
        t->resume(t);
    }
}

/* --- yield: for (i = 0; i < n; i++) yield; ------------------------------ */
struct yield_loop { task hdr; long i, n; };

static void yield_loop_resume(task *t)
{
    struct yield_loop *f = (struct yield_loop *)t;
    if (++f->i < f->n)
        push(&f->hdr);
}

/* --- child: parent { for (i < n) t += await child(i); }
 *            child(i) { yield; return i & 1; } ----------------------------- */
struct child { task hdr; task *cont; long i, result; };
struct parent { task hdr; long i, n, t; struct child c; };

static void parent_resume(task *tk);

static void child_resume(task *t)
{
    struct child *c = (struct child *)t;
    c->result = c->i & 1;
    c->cont->resume(c->cont);       /* symmetric transfer: a tail call */
}

static void parent_start_child(struct parent *f)
{
    f->c.hdr.resume = child_resume;
    f->c.cont = &f->hdr;
    f->c.i = f->i;
    push(&f->c.hdr);                /* the child's one suspension */
}

static void parent_resume(task *tk)
{
    struct parent *f = (struct parent *)tk;
    f->t += f->c.result;
    if (++f->i < f->n)
        parent_start_child(f);
}

/* --- spawn: N small tasks through the ring ------------------------------ */
struct small { task hdr; long i; };
struct spawner { task hdr; long i, n; };
static long left, sink;

static void small_resume(task *t)
{
    struct small *f = (struct small *)t;
    sink += f->i & 7;
    --left;
    free(f);
}

static void spawner_resume(task *t)
{
    struct spawner *s = (struct spawner *)t;
    for (long k = 0; k < 128 && s->i < s->n; k++, s->i++) {
        struct small *f = malloc(sizeof *f);
        if (!f)
            abort();
        f->hdr.resume = small_resume;
        f->i = s->i;
        push(&f->hdr);
    }
    if (s->i < s->n)
        push(&s->hdr);
}

/* --- tasks: memory per suspended task ---------------------------------- */
struct event { task *waiter; int value; };
struct waiter { task hdr; struct event *e; };
static long finished;

static void waiter_resume(task *t)
{
    struct waiter *w = (struct waiter *)t;
    finished += w->e->value;
    free(w);
}

static int tasks(long n)
{
    long r0 = bench_rss();
    struct event *evs = malloc(n * sizeof *evs);
    for (long i = 0; i < n; i++)
        evs[i] = (struct event){NULL, 1};        /* touch the pages */
    long r1 = bench_rss();
    for (long i = 0; i < n; i++) {
        struct waiter *w = malloc(sizeof *w);
        w->hdr.resume = waiter_resume;
        w->e = &evs[i];
        evs[i].waiter = &w->hdr;                 /* suspended on evs[i] */
    }
    long r2 = bench_rss();
    printf("%.1f %.1f\n", (double)(r2 - r1) / n, (double)(r1 - r0) / n);
    for (long i = 0; i < n; i++) {
        push(evs[i].waiter);
        run();
    }
    free(evs);
    return finished == n ? 0 : (fprintf(stderr, "limit: %ld finished\n", finished), 1);
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "yield";
    long n = bench_arg(argc, argv, 2, 2000000);
    if (strcmp(mode, "tasks") == 0)
        return tasks(n);
    double t0 = bench_now_ns();
    long r, want;
    if (strcmp(mode, "spawn") == 0) {
        struct spawner s = {{spawner_resume}, 0, n};
        left = n;
        push(&s.hdr);
        run();
        r = n - left, want = n;
        double t1 = bench_now_ns();
        if (r != want)
            return fprintf(stderr, "limit: spawn %ld\n", r), 1;
        printf("%.0f\n", n / ((t1 - t0) / 1e9));
        return 0;
    }
    if (strcmp(mode, "child") == 0) {
        struct parent *f = malloc(sizeof *f);
        *f = (struct parent){.hdr.resume = parent_resume, .n = n};
        parent_start_child(f);
        run();
        r = f->t, want = n / 2;
        free(f);
    } else {
        struct yield_loop *f = malloc(sizeof *f);
        *f = (struct yield_loop){.hdr.resume = yield_loop_resume, .n = n};
        push(&f->hdr);
        run();
        r = f->i, want = n;
        free(f);
    }
    double t1 = bench_now_ns();
    if (r != want)
        return fprintf(stderr, "limit: wrong result %ld\n", r), 1;
    printf("%.3f\n", (t1 - t0) / n);
    return 0;
}
