/* test_pool.c - workers, stealing, yield, single-threaded mode, ac_wait
 * misuse, start and shutdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lowered.h"

static uint64_t live(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s.live;
}

/* Spawns n ticks, each after a yield, and waits for all through one
 * promise: every task is scheduled, run and freed exactly once. */
static void run_ticks(long n)
{
    _Atomic long counter = 0;
    ac_future_void all;
    ac_promise *done = ac_promise_new(&all);
    for (long i = 0; i < n; i++)
        ac_detach(tick(ac_yield(), &counter, n, done));
    ac_wait(all);
    assert_int_equal(atomic_load(&counter), n);
}

static void pool_many_tasks_across_workers_all_run(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t base = live();
    run_ticks(test_scale(400000));
    for (int i = 0; i < 1000 && live() != base; i++)
        usleep(1000);       /* the last frames free themselves after done */
    assert_int_equal(live(), base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void pool_yield_loops_complete(void **state)
{
    (void)state;
    ac_future_int fs[8];
    for (int i = 0; i < 8; i++)
        fs[i] = count_yields((int)test_scale(20000));
    for (int i = 0; i < 8; i++)
        assert_int_equal(ac_wait(fs[i]), test_scale(20000));
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static ac_future_int spawned[64];

/* On a worker: every yield of these frames lands in this worker's ring;
 * long enough (~10 ms) for the other worker to wake up and steal. */
static void *spawn_on_worker(void *arg)
{
    (void)arg;
    for (int i = 0; i < 64; i++)
        spawned[i] = count_yields(2000);
    return NULL;
}

static void pool_idle_worker_steals_work(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    ac_stats before, after;
    ac_stats_get(&before);
    /* The other worker may be slow to get a CPU on a busy machine: retry
     * a few rounds before calling it a failure. */
    for (int round = 0; round < 20; round++) {
        ac_wait(ac_run(spawn_on_worker, NULL));
        for (int i = 0; i < 64; i++)
            assert_int_equal(ac_wait(spawned[i]), 2000);
        ac_stats_get(&after);
        if (after.steals > before.steals)
            break;
    }
    printf("# steals: %lu of %lu scheduled\n",
           (unsigned long)(after.steals - before.steals),
           (unsigned long)(after.scheduled - before.scheduled));
    assert_true(after.steals > before.steals);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

/* On a worker, more yields than a ring holds: half of the ring moves to
 * the inject queue each time it fills, and every task still runs once. */
static _Atomic long overflow_count;
static ac_promise *overflow_done;

static void *spawn_many(void *arg)
{
    long n = (long)(intptr_t)arg;
    for (long i = 0; i < n; i++)
        ac_detach(tick(ac_yield(), &overflow_count, n, overflow_done));
    return NULL;
}

static void pool_full_ring_overflows_to_inject_queue(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 2; workers++) {
        assert_int_equal(ac_start(&(ac_config){.workers = workers}), 0);
        long n = 5000;
        ac_future_void all;
        overflow_count = 0;
        overflow_done = ac_promise_new(&all);
        ac_detach(ac_run(spawn_many, (void *)(intptr_t)n));
        ac_wait(all);
        assert_int_equal(atomic_load(&overflow_count), n);
        assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    }
}

/* ---- single-threaded determinism: two tasks interleave the same way ---- */
static char trace[256];
static size_t trace_len;

struct logger_frame {
    ac_task hdr;
    int state;
    ac_task *awaiting;
    char name;
    int i;
};

static ac_future_void logger_move(struct logger_frame *fr);

static void logger_resume(ac_task *self)
{
    logger_move((struct logger_frame *)self);
}

/* async void logger(char name)
 * { for (int i = 0; i < 4; i++) { trace[trace_len++] = name;
 *                                 await ac_yield(); } } */
static ac_future_void logger_move(struct logger_frame *fr)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    for (fr->i = 0; fr->i < 4; fr->i++) {
        trace[trace_len++] = fr->name;
        ac_future_void f = ac_yield();
        LOWERED_BOX(fr, logger_resume);
        fr->awaiting = f.task;
        fr->state = 1;
        if (ac__task_await(f.task, &fr->hdr))
            return (ac_future_void){&fr->hdr};
    resume_1:
        ac__task_free(fr->awaiting);
    }
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_void){self};
}

static ac_future_void logger(char name)
{
    struct logger_frame fr = {.name = name};
    return logger_move(&fr);
}

static void run_loggers(void)
{
    trace_len = 0;
    memset(trace, 0, sizeof trace);
    ac_future_void fs[3] = {logger('a'), logger('b'), logger('c')};
    ac_wait(ac_when_all(fs, 3));
}

static void pool_single_threaded_mode_is_deterministic(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.single_threaded = true}), 0);
    assert_int_equal(ac_workers(), 0);
    run_loggers();
    assert_string_equal(trace, "abcabcabcabc");
    run_loggers();
    assert_string_equal(trace, "abcabcabcabc");
    /* Timers work too: the waiting thread polls them. */
    ac_future_void d = ac_delay(5);
    ac_wait(d);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void *wait_delay(void *arg)
{
    ac_wait(ac_delay((uint64_t)(intptr_t)arg));
    return arg;
}

/* Single-threaded, two threads in ac_wait: one drives, the other waits;
 * when the driver's own future is done, the other takes over. */
static void pool_single_threaded_waiters_take_turns_driving(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.single_threaded = true}), 0);
    pthread_t th;
    pthread_create(&th, NULL, wait_delay, (void *)(intptr_t)30);
    assert_int_equal(ac_wait(count_yields(1000)), 1000);
    void *r;
    pthread_join(th, &r);
    assert_ptr_equal(r, (void *)(intptr_t)30);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void pool_env_sets_worker_count(void **state)
{
    (void)state;
    setenv("ASYNCC_WORKERS", "3", 1);
    assert_int_equal(ac_start(NULL), 0);
    assert_int_equal(ac_workers(), 3);
    assert_int_equal(ac_start(NULL), -EALREADY);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    setenv("ASYNCC_WORKERS", "0", 1);
    assert_int_equal(ac_start(NULL), 0);
    assert_int_equal(ac_workers(), 0);       /* single-threaded */
    run_loggers();
    assert_string_equal(trace, "abcabcabcabc");
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    unsetenv("ASYNCC_WORKERS");
}

/* ---- ac_wait on a worker is reported with its call site ---- */
static void *wait_inside(void *arg)
{
    (void)arg;
    ac_future_int f = {NULL, 1};
    ac_future_int p;
    ac_promise_new(&p);
    (void)f;
    ac_wait(p);                 /* on a worker: must abort, not hang */
    return NULL;
}

static void wait_on_worker(void)
{
    ac_future_ptr f = ac_run(wait_inside, NULL);
    ac_wait(f);
}

static void pool_wait_on_worker_aborts_with_call_site(void **state)
{
    (void)state;
    char buf[4096];
    int st = run_in_child(wait_on_worker, buf, sizeof buf, 10);
    assert_int_not_equal(st, -1);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "test_pool.c:"));
    assert_non_null(strstr(buf, "ac_wait called on a pool worker"));
}

/* ---- shutdown ---- */
static void pool_shutdown_waits_for_pending_timers(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    _Atomic long counter = 0;
    long n = 1000;
    for (long i = 0; i < n; i++)
        ac_detach(tick(ac_delay(1 + (uint64_t)i % 20), &counter, n, NULL));
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    assert_int_equal(atomic_load(&counter), n);
}

static void pool_shutdown_reports_unfinished_work(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t base = live();
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = add_one(p);           /* suspended forever */
    assert_true(ac_shutdown(50) >= 2);      /* the promise and the frame */
    /* Completing it later queues the frame without restarting the pool;
     * the ac_wait (a call of the program) starts it, and the frame runs. */
    ac_promise_set_int(pr, 1);
    usleep(20000);
    assert_int_equal(ac_workers(), 0);
    assert_int_equal(ac_wait(f), 2);
    assert_int_equal(live(), base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

/* A promise completed from a foreign thread after ac_shutdown: the pool
 * stays stopped (it used to restart: 2 threads -> 4), and an ac_wait
 * caller blocked on that promise is woken without a worker. */
struct waited {
    ac_future_int f;
    int value;
};

static void *wait_int(void *arg)
{
    struct waited *w = arg;
    w->value = ac_wait(w->f);
    return NULL;
}

static void pool_promise_after_shutdown_does_not_restart(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    struct waited w = {.value = 0};
    ac_promise *pr = ac_promise_new(&w.f);
    ac_future_int later;
    ac_promise *pr2 = ac_promise_new(&later);
    ac_future_int frame = add_one(later);   /* a suspended frame */
    pthread_t th;
    pthread_create(&th, NULL, wait_int, &w);
    usleep(20000);                          /* th blocks in ac_wait */
    assert_true(ac_shutdown(0) >= 1);
    ac_promise_set_int(pr, 41);             /* main is a foreign thread */
    ac_promise_set_int(pr2, 6);
    pthread_join(th, NULL);
    assert_int_equal(w.value, 41);
    assert_int_equal(ac_workers(), 0);      /* not restarted */
    assert_int_equal(ac_start(&(ac_config){.workers = 1}), 0);
    assert_int_equal(ac_wait(frame), 7);    /* the queued frame ran */
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

/* ac_shutdown wakes ac_wait callers on other threads whose futures wait on
 * I/O or a timer, which cannot complete once the I/O thread stops: the
 * operations complete with -ECANCELED (through a frame awaiting one, too). */
struct blocked_io {
    int fd;
    ssize_t read;
    int delay, frame;
};

static void *wait_read(void *arg)
{
    struct blocked_io *b = arg;
    char buf[8];
    b->read = ac_wait(ac_read(b->fd, buf, sizeof buf, NULL));
    return NULL;
}

static void *wait_delay_long(void *arg)
{
    struct blocked_io *b = arg;
    b->delay = ac_wait(ac_delay_cancel(600000, NULL));
    return NULL;
}

static void *wait_frame(void *arg)
{
    struct blocked_io *b = arg;
    b->frame = ac_wait(add_one(ac_delay_cancel(600000, NULL)));
    return NULL;
}

static void shutdown_wakes_waiters(const ac_config *cfg)
{
    assert_int_equal(ac_start(cfg), 0);
    uint64_t base = live();
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    struct blocked_io b = {.fd = fds[0]};
    pthread_t th[3];
    pthread_create(&th[0], NULL, wait_read, &b);
    pthread_create(&th[1], NULL, wait_delay_long, &b);
    pthread_create(&th[2], NULL, wait_frame, &b);
    usleep(50000);                          /* all three block */
    /* Pending timers hold the first phase for the grace period only.  The
     * count may include frames their ac_wait callers have not freed yet. */
    assert_true(ac_shutdown(100) >= 0);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    assert_int_equal(live(), base);
    assert_int_equal(b.read, -ECANCELED);
    assert_int_equal(b.delay, -ECANCELED);
    assert_int_equal(b.frame, -ECANCELED + 1);
    ac_close(fds[0]);
    ac_close(fds[1]);
}

static void pool_shutdown_wakes_wait_on_io_with_ecanceled(void **state)
{
    (void)state;
    shutdown_wakes_waiters(&(ac_config){.workers = 2});
}

static void pool_single_threaded_shutdown_wakes_wait_on_io(void **state)
{
    (void)state;
    shutdown_wakes_waiters(&(ac_config){.single_threaded = true});
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(pool_many_tasks_across_workers_all_run, stop_pool),
        cmocka_unit_test_teardown(pool_yield_loops_complete, stop_pool),
        cmocka_unit_test_teardown(pool_idle_worker_steals_work, stop_pool),
        cmocka_unit_test_teardown(pool_full_ring_overflows_to_inject_queue, stop_pool),
        cmocka_unit_test_teardown(pool_single_threaded_mode_is_deterministic, stop_pool),
        cmocka_unit_test_teardown(pool_single_threaded_waiters_take_turns_driving, stop_pool),
        cmocka_unit_test_teardown(pool_env_sets_worker_count, stop_pool),
        cmocka_unit_test_teardown(pool_wait_on_worker_aborts_with_call_site, stop_pool),
        cmocka_unit_test_teardown(pool_shutdown_waits_for_pending_timers, stop_pool),
        cmocka_unit_test_teardown(pool_shutdown_reports_unfinished_work, stop_pool),
        cmocka_unit_test_teardown(pool_promise_after_shutdown_does_not_restart, stop_pool),
        cmocka_unit_test_teardown(pool_shutdown_wakes_wait_on_io_with_ecanceled, stop_pool),
        cmocka_unit_test_teardown(pool_single_threaded_shutdown_wakes_wait_on_io, stop_pool),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    ac_shutdown(UINT64_MAX);
    return rc;
}
