/* sm.c (plain C) - the hand-written state machines: what a careful
 * programmer writes by hand against the runtime's ABI (docs/abi.md),
 * on the same scheduler as the generated code, for the same three jobs:
 *
 *   sm yield N      one task awaits ac_yield() N times (as suspend.c yield)
 *   sm child N      a parent awaits N children that each suspend once on
 *                   ac_yield() (as suspend.c child; each child's frame is
 *                   allocated, as in suspend.c child_ext, so child_ext
 *                   runs the same code)
 *   sm pingpong N   two tasks pass N messages through promises (as
 *                   suspend.c pingpong)
 *   sm spawn N      spawn N small tasks on all workers (as spawn.c)
 *
 * Prints ns per iteration (spawn: tasks per second).  Each frame is a
 * struct whose first member is the task header; resume functions switch
 * on a state; completion writes the result and calls ac__task_complete. */
#include <asyncc.h>
#include "suspend_main.h"
#include <string.h>

/* --- yield: for (i = 0; i < n; i++) await ac_yield(); return n; -------- */
struct yield_loop { ac_task hdr; long result; long i, n; ac_task *awaiting; };

static void yield_loop_resume(ac_task *t)
{
    struct yield_loop *f = (struct yield_loop *)t;
    for (;;) {
        if (f->awaiting) {                    /* back from an await */
            ac__task_free(f->awaiting);
            f->awaiting = NULL;
            f->i++;
        }
        if (f->i == f->n)
            break;
        ac_future_void y = ac_yield();
        if (!y.task) {                        /* never: a yield suspends */
            f->i++;
            continue;
        }
        f->awaiting = y.task;
        if (ac__task_await(y.task, &f->hdr))
            return;                           /* suspended */
    }
    f->result = f->n;
    ac__task_complete(&f->hdr);
}

static ac_future_long yield_loop(long n)
{
    struct yield_loop *f = ac__frame_alloc(sizeof *f);
    *f = (struct yield_loop){.hdr.resume = yield_loop_resume, .n = n};
    yield_loop_resume(&f->hdr);
    return (ac_future_long){.task = &f->hdr};
}

/* --- child: async long child(i) { await ac_yield(); return i & 1; } ---- */
struct child { ac_task hdr; long result; long i; ac_task *awaiting; };

static void child_resume(ac_task *t)
{
    struct child *f = (struct child *)t;
    ac__task_free(f->awaiting);
    f->result = f->i & 1;
    ac__task_complete(&f->hdr);
}

static ac_future_long child(long i)
{
    ac_future_void y = ac_yield();
    if (!y.task)
        return (ac_future_long){.value = i & 1};
    struct child *f = ac__frame_alloc(sizeof *f);
    f->hdr.resume = child_resume;
    atomic_init(&f->hdr.waiter, AC__WAITER_NONE);
    f->i = i;
    f->awaiting = y.task;
    if (!ac__task_await(y.task, &f->hdr))
        child_resume(&f->hdr);
    return (ac_future_long){.task = &f->hdr};
}

/* parent: for (i < n) t += await child(i); return t; */
struct parent { ac_task hdr; long result; long i, n, t; ac_task *awaiting; };

static void parent_resume(ac_task *tk)
{
    struct parent *f = (struct parent *)tk;
    if (f->awaiting) {
        f->t += AC__RESULT(long, f->awaiting);
        ac__task_free(f->awaiting);
        f->awaiting = NULL;
        f->i++;
    }
    for (; f->i < f->n; f->i++) {
        ac_future_long c = child(f->i);
        if (!c.task) {
            f->t += c.value;
            continue;
        }
        f->awaiting = c.task;
        if (ac__task_await(c.task, &f->hdr))
            return;
        f->t += AC__RESULT(long, f->awaiting);
        ac__task_free(f->awaiting);
        f->awaiting = NULL;
    }
    f->result = f->t;
    ac__task_complete(&f->hdr);
}

static ac_future_long parent(long n)
{
    struct parent *f = ac__frame_alloc(sizeof *f);
    *f = (struct parent){.hdr.resume = parent_resume, .n = n};
    parent_resume(&f->hdr);
    return (ac_future_long){.task = &f->hdr};
}

/* --- pingpong: each message is the promise to answer on; NULL ends. --- */
struct player { ac_task hdr; long result; long i, n; ac_task *awaiting; };
static ac_promise *first_to_pong;

static void pong_resume(ac_task *t)
{
    struct player *f = (struct player *)t;
    for (;;) {
        ac_promise *to_ping = AC__RESULT(void *, f->awaiting);
        ac__task_free(f->awaiting);
        if (f->i++ == f->n - 1) {
            ac_promise_set_ptr(to_ping, NULL);
            f->result = f->n;
            ac__task_complete(&f->hdr);
            return;
        }
        ac_future_ptr next;
        ac_promise *p = ac_promise_new(&next);
        ac_promise_set_ptr(to_ping, p);
        f->awaiting = next.task;
        if (ac__task_await(next.task, &f->hdr))
            return;
    }
}

static ac_future_long pong(long n)
{
    struct player *f = ac__frame_alloc(sizeof *f);
    *f = (struct player){.hdr.resume = pong_resume, .n = n};
    ac_future_ptr first;
    first_to_pong = ac_promise_new(&first);
    f->awaiting = first.task;
    if (!ac__task_await(first.task, &f->hdr))
        pong_resume(&f->hdr);
    return (ac_future_long){.task = &f->hdr};
}

static void ping_resume(ac_task *t)
{
    struct player *f = (struct player *)t;
    ac_promise *to_pong = AC__RESULT(void *, f->awaiting);
    ac__task_free(f->awaiting);
    while (to_pong) {
        ac_future_ptr next;
        ac_promise *p = ac_promise_new(&next);
        ac_promise_set_ptr(to_pong, p);
        f->i++;
        f->awaiting = next.task;
        if (ac__task_await(next.task, &f->hdr))
            return;
        to_pong = AC__RESULT(void *, f->awaiting);
        ac__task_free(f->awaiting);
    }
    f->result = f->i;
    ac__task_complete(&f->hdr);
}

static ac_future_long ping(void)
{
    struct player *f = ac__frame_alloc(sizeof *f);
    *f = (struct player){.hdr.resume = ping_resume};
    ac_future_ptr first;                      /* a completed future: start */
    ac_promise *p = ac_promise_new(&first);
    ac_promise_set_ptr(p, first_to_pong);
    f->awaiting = first.task;
    ping_resume(&f->hdr);
    return (ac_future_long){.task = &f->hdr};
}

/* --- spawn: N small tasks, each hops onto the pool with ac_yield(), does
 * a little work and counts down; the last one completes `done`. -------- */
static _Atomic long left;
static _Atomic long sink;
static ac_promise *done;

struct small { ac_task hdr; long i; ac_task *awaiting; };

static void small_resume(ac_task *t)
{
    struct small *f = (struct small *)t;
    ac__task_free(f->awaiting);
    atomic_fetch_add_explicit(&sink, f->i & 7, memory_order_relaxed);
    if (atomic_fetch_sub_explicit(&left, 1, memory_order_acq_rel) == 1)
        ac_promise_set_void(done);
    ac__task_complete(&f->hdr);           /* detached: freed here */
}

static void spawn_small(long i)
{
    struct small *f = ac__frame_alloc(sizeof *f);
    f->hdr.resume = small_resume;
    atomic_init(&f->hdr.waiter, AC__WAITER_NONE);
    f->i = i;
    ac_future_void y = ac_yield();
    f->awaiting = y.task;
    if (!ac__task_await(y.task, &f->hdr))
        small_resume(&f->hdr);
    ac__detach(&f->hdr);
}

/* The spawner runs on a worker (ac_run), as in spawn.c, and yields behind
 * every 128 spawns, as there. */
struct spawner { ac_task hdr; long i, n; };

static void spawner_resume(ac_task *t)
{
    struct spawner *s = (struct spawner *)t;
    for (;;) {
        for (long k = 0; k < 128 && s->i < s->n; k++, s->i++)
            spawn_small(s->i);
        if (s->i == s->n)
            break;
        if (ac__task_await(&ac__yield_task, &s->hdr))
            return;
    }
    ac__task_complete(&s->hdr);               /* detached: freed here */
}

static void *spawner(void *n)
{
    struct spawner *s = ac__frame_alloc(sizeof *s);
    *s = (struct spawner){.hdr.resume = spawner_resume, .n = (long)n};
    spawner_resume(&s->hdr);
    ac__detach(&s->hdr);
    return NULL;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "yield";
    long n = bench_arg(argc, argv, 2, 2000000);
    if (strcmp(mode, "spawn") == 0) {
        ac_start(NULL);                       /* all workers */
        ac_future_void all;
        atomic_store(&left, n);
        done = ac_promise_new(&all);
        double t0 = bench_now_ns();
        ac_future_ptr started = ac_run(spawner, (void *)n);
        ac_wait(all);
        ac_wait(started);
        double t1 = bench_now_ns();
        printf("%.0f\n", n / ((t1 - t0) / 1e9));
        return ac_shutdown(1000) != 0;
    }
    return bench_suspend_main("sm", mode, n,
                              (bench_suspend_fns){yield_loop, parent, parent, ping, pong});
}
