/* test_yield.c - ac_yield: a static sentinel task, no allocation, the
 * yield happens when the future is awaited (FIFO, behind queued work);
 * every way of consuming the future; concurrent yields on all workers;
 * the single-threaded mode. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "lowered.h"

static ac_stats stats(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s;
}

/* Frees of the last frames may still be running on a worker when the
 * awaiting thread wakes: wait for the count to settle. */
static void wait_live(uint64_t base)
{
    for (int i = 0; i < 2000 && stats().live != base; i++)
        usleep(1000);
    assert_int_equal(stats().live, base);
}

/* ---- async void yielder(int n, _Atomic long *counter, char name)
 *      { for (int i = 0; i < n; i++) { trace_put(name);
 *                                      await ac_yield();
 *                                      atomic_fetch_add(counter, 1); } } ----
 * trace_put records the interleaving (only used on one thread). */
static char trace[64];
static size_t trace_len;

static void trace_put(char c)
{
    if (c && trace_len < sizeof trace - 1)
        trace[trace_len++] = c;
}

struct yielder_frame {
    ac_task hdr;
    int state;
    ac_task *awaiting;
    _Atomic long *counter;
    int n, i;
    char name;
};

static ac_future_void yielder_move(struct yielder_frame *fr);

static void yielder_resume(ac_task *self)
{
    yielder_move((struct yielder_frame *)self);
}

static ac_future_void yielder_move(struct yielder_frame *fr)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    for (fr->i = 0; fr->i < fr->n; fr->i++) {
        trace_put(fr->name);
        ac_future_void f = ac_yield();
        if (f.task) {
            LOWERED_BOX(fr, yielder_resume);
            fr->awaiting = f.task;
            fr->state = 1;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_void){&fr->hdr};
        resume_1:
            ac__task_free(fr->awaiting);
        }
        atomic_fetch_add(fr->counter, 1);
    }
    if (fr->hdr.resume == NULL)
        return (ac_future_void){NULL};
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_void){self};
}

static ac_future_void yielder(int n, _Atomic long *counter, char name)
{
    struct yielder_frame fr = {.n = n, .counter = counter, .name = name};
    return yielder_move(&fr);
}

/* ---- tests ---- */

static void yield_allocates_and_schedules_nothing_until_awaited(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    ac_stats before = stats();
    ac_future_void a = ac_yield(), b = ac_yield();
    assert_non_null(a.task);                /* pending: an await suspends */
    assert_false(ac__task_done(a.task));
    ac_detach(a);                           /* nothing to run or free */
    ac_detach(b);
    ac_stats after = stats();
    assert_int_equal(after.allocated, before.allocated);
    assert_int_equal(after.scheduled, before.scheduled);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void yield_waited_from_a_plain_thread_returns(void **state)
{
    (void)state;
    for (unsigned workers = 1; workers <= 2; workers++) {
        assert_int_equal(ac_start(&(ac_config){.workers = workers}), 0);
        uint64_t allocated = stats().allocated;
        for (int i = 0; i < 100; i++)
            ac_wait(ac_yield());            /* a worker runs our waiter */
        assert_int_equal(stats().allocated, allocated);
        assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    }
}

static void *wait_yields(void *arg)
{
    for (int i = 0; i < 200; i++)
        ac_wait(ac_yield());
    return arg;
}

/* Several plain threads yield at once: the sentinel is shared, each
 * waiter is queued on its own. */
static void yield_waited_from_several_threads(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, wait_yields, (void *)(intptr_t)i);
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        assert_ptr_equal(r, (void *)(intptr_t)i);
    }
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void yield_futures_combine_with_when_all(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t base = stats().live;
    ac_future_void fs[5];
    for (int i = 0; i < 5; i++)
        fs[i] = ac_yield();
    fs[2] = (ac_future_void){NULL};         /* one already completed */
    ac_wait(ac_when_all(fs, 5));
    for (int i = 0; i < 5; i++)
        assert_null(fs[i].task);            /* every input consumed */
    wait_live(base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void yield_futures_combine_with_when_any(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t base = stats().live;
    /* Only yields: one of them wins, all are consumed. */
    ac_future_void fs[3] = {ac_yield(), ac_yield(), ac_yield()};
    size_t win = ac_wait(ac_when_any(fs, 3));
    assert_true(win < 3);
    for (int i = 0; i < 3; i++)
        assert_null(fs[i].task);
    /* A pending promise against a yield: the yield wins; the promise is
     * freed by the join once completed. */
    ac_future_void gs[2];
    ac_promise *p = ac_promise_new(&gs[0]);
    gs[1] = ac_yield();
    assert_int_equal(ac_wait(ac_when_any(gs, 2)), 1);
    assert_null(gs[0].task);
    assert_null(gs[1].task);
    ac_promise_set_void(p);
    wait_live(base);
    /* ac_when_any with a completed input detaches the yield futures. */
    ac_future_void hs[3] = {ac_yield(), {NULL}, ac_yield()};
    assert_int_equal(ac_wait(ac_when_any(hs, 3)), 1);
    wait_live(base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

/* Many tasks yield on every worker at once, started from a plain thread
 * (inject queue) and from a worker (its ring, stolen by the others): every
 * resume happens exactly once. */
static _Atomic long many_count;
enum { MANY_TASKS = 64 };
static ac_future_void many[2][MANY_TASKS];

static void *start_on_worker(void *arg)
{
    long n = (long)(intptr_t)arg;
    for (int i = 0; i < MANY_TASKS; i++)
        many[1][i] = yielder((int)n, &many_count, 0);
    return NULL;
}

static void yield_many_tasks_on_all_workers_count_exactly(void **state)
{
    (void)state;
    for (unsigned workers = 2; workers <= 4; workers += 2) {
        assert_int_equal(ac_start(&(ac_config){.workers = workers}), 0);
        uint64_t base = stats().live;
        long n = test_scale(2000);
        many_count = 0;
        for (int i = 0; i < MANY_TASKS; i++)
            many[0][i] = yielder((int)n, &many_count, 0);
        ac_wait(ac_run(start_on_worker, (void *)(intptr_t)n));
        ac_wait(ac_when_all(many[0], MANY_TASKS));
        ac_wait(ac_when_all(many[1], MANY_TASKS));
        assert_int_equal(atomic_load(&many_count), 2 * MANY_TASKS * n);
        wait_live(base);
        assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    }
}

/* On one worker, a yield goes behind the tasks already queued: two tasks
 * started on the worker alternate. */
static void *start_two(void *arg)
{
    ac_future_void *fs = arg;
    fs[0] = yielder(4, &many_count, 'a');
    fs[1] = yielder(4, &many_count, 'b');
    return NULL;
}

static void yield_goes_behind_queued_tasks(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 1}), 0);
    trace_len = 0;
    memset(trace, 0, sizeof trace);
    ac_future_void fs[2];
    ac_wait(ac_run(start_two, fs));
    ac_wait(ac_when_all(fs, 2));
    assert_string_equal(trace, "abababab");
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void yield_in_single_threaded_mode(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.single_threaded = true}), 0);
    uint64_t base = stats().live;
    ac_wait(ac_yield());                    /* the waiting thread drives */
    ac_detach(ac_yield());
    /* The losing link stays queued until a thread drives again (below). */
    ac_future_void ys[2] = {ac_yield(), ac_yield()};
    assert_true(ac_wait(ac_when_any(ys, 2)) < 2);
    assert_int_equal(ac_wait(count_yields(1000)), 1000);
    /* Started from the driving thread's ramps: FIFO, so they alternate. */
    trace_len = 0;
    memset(trace, 0, sizeof trace);
    many_count = 0;
    ac_future_void fs[3] = {yielder(3, &many_count, 'a'),
                            yielder(3, &many_count, 'b'),
                            yielder(3, &many_count, 'c')};
    ac_wait(ac_when_all(fs, 3));
    assert_string_equal(trace, "abcabcabc");
    assert_int_equal(atomic_load(&many_count), 9);
    wait_live(base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(yield_allocates_and_schedules_nothing_until_awaited, stop_pool),
        cmocka_unit_test_teardown(yield_waited_from_a_plain_thread_returns, stop_pool),
        cmocka_unit_test_teardown(yield_waited_from_several_threads, stop_pool),
        cmocka_unit_test_teardown(yield_futures_combine_with_when_all, stop_pool),
        cmocka_unit_test_teardown(yield_futures_combine_with_when_any, stop_pool),
        cmocka_unit_test_teardown(yield_many_tasks_on_all_workers_count_exactly, stop_pool),
        cmocka_unit_test_teardown(yield_goes_behind_queued_tasks, stop_pool),
        cmocka_unit_test_teardown(yield_in_single_threaded_mode, stop_pool),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    ac_shutdown(UINT64_MAX);
    return rc;
}
