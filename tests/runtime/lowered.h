/* lowered.h - async functions lowered by hand in the shape of docs/abi.md
 * section 5 (the compiler's output is equivalent, and tighter: see
 * docs/lowering.md), shared by the runtime tests, with their helpers.
 *
 * Shape: one MoveNext function per async function serves both the ramp
 * (frame on the caller's stack, hdr.resume == NULL) and every resume
 * (boxed frame).  At the first await of a pending future the frame is
 * boxed (ac__frame_alloc + copy), then registered with ac__task_await; on
 * resume the awaited task's result is read and the task freed.  A frame
 * that finishes without suspending returns a completed future and never
 * touched the heap. */
#ifndef LOWERED_H
#define LOWERED_H

/* Each test uses some of these. */
#pragma GCC diagnostic ignored "-Wunused-function"

#include <asyncc.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Runs fn in a child process (killed after alarm_s seconds, 0: never) with
 * its stderr read into buf (cap bytes, NUL-terminated); returns the child's
 * wait status, or -1 if no pipe.  For cases that must abort. */
static int run_in_child(void (*fn)(void), char *buf, size_t cap, unsigned alarm_s)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fds[1], 2);
        close(fds[0]);
        alarm(alarm_s);
        fn();
        _exit(0);
    }
    close(fds[1]);
    size_t len = 0;
    ssize_t r;
    while (len < cap - 1 && (r = read(fds[0], buf + len, cap - 1 - len)) > 0)
        len += (size_t)r;
    buf[len] = '\0';
    close(fds[0]);
    int st;
    waitpid(pid, &st, 0);
    return st;
}

/* Teardown: a failed test must not leave the pool running for the next. */
static int stop_pool(void **state)
{
    (void)state;
    ac_shutdown(UINT64_MAX);
    return 0;
}

/* Boxes a ramp frame on its first suspension; later suspensions reuse
 * the box.  Returns the frame to continue with. */
#define LOWERED_BOX(fr, resume_fn)                                         \
    do {                                                                   \
        if ((fr)->hdr.resume == NULL) {                                    \
            __typeof__(fr) box_ = ac__frame_alloc(sizeof *box_);           \
            memcpy(box_, (fr), sizeof *box_);                              \
            box_->hdr.resume = (resume_fn);                                \
            atomic_init(&box_->hdr.waiter, AC__WAITER_NONE);               \
            (fr) = box_;                                                   \
        }                                                                  \
    } while (0)

/* ---- async int add_one(ac_future_int f) { return await f + 1; } ----
 * The parameter f is dead after the await: not hoisted.  32 bytes. */
struct add_one_frame {
    ac_task hdr;
    int result;
    int state;
    ac_task *awaiting;
};

static ac_future_int add_one_move(struct add_one_frame *fr, ac_future_int f);

static void add_one_resume(ac_task *self)
{
    add_one_move((struct add_one_frame *)self, (ac_future_int){0});
}

static ac_future_int add_one_move(struct add_one_frame *fr, ac_future_int f)
{
    int t0;
    switch (fr->state) {
    case 1: goto resume_1;
    }
    if (!f.task) {
        t0 = f.value;                   /* completed: a branch and a copy */
    } else {
        LOWERED_BOX(fr, add_one_resume);
        fr->awaiting = f.task;
        fr->state = 1;
        if (ac__task_await(f.task, &fr->hdr))
            return (ac_future_int){&fr->hdr, 0};
    resume_1:
        t0 = AC__RESULT(int, fr->awaiting);
        ac__task_free(fr->awaiting);
    }
    if (fr->hdr.resume == NULL)
        return (ac_future_int){NULL, t0 + 1};
    fr->result = t0 + 1;
    ac_task *self = &fr->hdr;
    ac__task_complete(self);            /* fr may be gone now */
    return (ac_future_int){self, 0};    /* to the ramp; resume ignores it */
}

static ac_future_int add_one(ac_future_int f)
{
    struct add_one_frame fr = {0};
    return add_one_move(&fr, f);
}

/* ---- async int count_yields(int n)
 *      { int i; for (i = 0; i < n; i++) await ac_yield(); return n; } ---- */
struct count_yields_frame {
    ac_task hdr;
    int result;
    int state;
    ac_task *awaiting;
    int n, i;
};

static ac_future_int count_yields_move(struct count_yields_frame *fr);

static void count_yields_resume(ac_task *self)
{
    count_yields_move((struct count_yields_frame *)self);
}

static ac_future_int count_yields_move(struct count_yields_frame *fr)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    for (fr->i = 0; fr->i < fr->n; fr->i++) {
        ac_future_void f = ac_yield();
        if (f.task) {
            LOWERED_BOX(fr, count_yields_resume);
            fr->awaiting = f.task;
            fr->state = 1;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_int){&fr->hdr, 0};
        resume_1:
            ac__task_free(fr->awaiting);
        }
    }
    if (fr->hdr.resume == NULL)
        return (ac_future_int){NULL, fr->n};
    fr->result = fr->n;
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_int){self, 0};
}

static ac_future_int count_yields(int n)
{
    struct count_yields_frame fr = {.n = n};
    return count_yields_move(&fr);
}

/* ---- async void tick(ac_future_void f, _Atomic long *counter,
 *                      long target, ac_promise *done)
 *      { await f; if (atomic_fetch_add(counter, 1) + 1 == target)
 *                     ac_promise_set_void(done); } ----
 * Counts completions; the last one completes `done`. */
struct tick_frame {
    ac_task hdr;
    int state;
    ac_task *awaiting;
    _Atomic long *counter;
    long target;
    ac_promise *done;
};

static ac_future_void tick_move(struct tick_frame *fr, ac_future_void f);

static void tick_resume(ac_task *self)
{
    tick_move((struct tick_frame *)self, (ac_future_void){0});
}

static ac_future_void tick_move(struct tick_frame *fr, ac_future_void f)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    if (f.task) {
        LOWERED_BOX(fr, tick_resume);
        fr->awaiting = f.task;
        fr->state = 1;
        if (ac__task_await(f.task, &fr->hdr))
            return (ac_future_void){&fr->hdr};
    resume_1:
        ac__task_free(fr->awaiting);
    }
    if (atomic_fetch_add(fr->counter, 1) + 1 == fr->target && fr->done)
        ac_promise_set_void(fr->done);
    if (fr->hdr.resume == NULL)
        return (ac_future_void){NULL};
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_void){self};
}

static ac_future_void tick(ac_future_void f, _Atomic long *counter,
                           long target, ac_promise *done)
{
    struct tick_frame fr = {.counter = counter, .target = target, .done = done};
    return tick_move(&fr, f);
}

/* ---- async long sum_all(ac_future_int *fs, size_t n)
 *      { await ac_when_all(fs, n); long s = 0;
 *        for (size_t i = 0; i < n; i++) s += fs[i].value; return s; } ---- */
struct sum_all_frame {
    ac_task hdr;
    long result;
    int state;
    ac_task *awaiting;
    ac_future_int *fs;
    size_t n;
};

static ac_future_long sum_all_move(struct sum_all_frame *fr);

static void sum_all_resume(ac_task *self)
{
    sum_all_move((struct sum_all_frame *)self);
}

static ac_future_long sum_all_move(struct sum_all_frame *fr)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    {
        ac_future_void f = ac_when_all(fr->fs, fr->n);
        if (f.task) {
            LOWERED_BOX(fr, sum_all_resume);
            fr->awaiting = f.task;
            fr->state = 1;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_long){&fr->hdr, 0};
        resume_1:
            ac__task_free(fr->awaiting);
        }
    }
    long s = 0;
    for (size_t i = 0; i < fr->n; i++)
        s += fr->fs[i].value;
    if (fr->hdr.resume == NULL)
        return (ac_future_long){NULL, s};
    fr->result = s;
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_long){self, 0};
}

static ac_future_long sum_all(ac_future_int *fs, size_t n)
{
    struct sum_all_frame fr = {.fs = fs, .n = n};
    return sum_all_move(&fr);
}

/* ---- async int spin_awaits(ac_future_int *done_futs, int n)
 *      { int s = 0; for (int i = 0; i < n; i++) s += await done_futs[i];
 *        return s; } ----
 * Awaits n futures whose tasks are already completed: must not recurse. */
struct spin_frame {
    ac_task hdr;
    int result;
    int state;
    ac_task *awaiting;
    ac_future_int *futs;
    int n, i, s;
};

static ac_future_int spin_move(struct spin_frame *fr);

static void spin_resume(ac_task *self)
{
    spin_move((struct spin_frame *)self);
}

static ac_future_int spin_move(struct spin_frame *fr)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    for (fr->i = 0; fr->i < fr->n; fr->i++) {
        ac_future_int f = fr->futs[fr->i];
        int v;
        if (!f.task) {
            v = f.value;
        } else {
            LOWERED_BOX(fr, spin_resume);
            fr->awaiting = f.task;
            fr->state = 1;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_int){&fr->hdr, 0};
        resume_1:
            v = AC__RESULT(int, fr->awaiting);
            ac__task_free(fr->awaiting);
        }
        fr->s += v;
    }
    if (fr->hdr.resume == NULL)
        return (ac_future_int){NULL, fr->s};
    fr->result = fr->s;
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_int){self, 0};
}

static ac_future_int spin_awaits(ac_future_int *futs, int n)
{
    struct spin_frame fr = {.futs = futs, .n = n};
    return spin_move(&fr);
}

/* Scales a test's size down under sanitizers, up with ASYNCC_STRESS=1. */
#include <stdlib.h>
static inline long test_scale(long base)
{
    const char *s = getenv("ASYNCC_STRESS");
    if (s && *s && *s != '0')
        return base * 10;
#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
    return base / 4 ? base / 4 : 1;
#else
    return base;
#endif
}

#endif /* LOWERED_H */
