/* test_combine.c - ac_when_all and ac_when_any. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include "lowered.h"

static ac_stats stats(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s;
}

static void when_all_of_completed_futures_allocates_nothing(void **state)
{
    (void)state;
    ac_future_int fs[4] = {{NULL, 1}, {NULL, 2}, {NULL, 3}, {NULL, 4}};
    uint64_t before = stats().allocated;
    ac_future_long s = sum_all(fs, 4);
    assert_null(s.task);
    assert_int_equal(s.value, 10);
    assert_int_equal(stats().allocated, before);
}

static void when_all_of_done_tasks_completes_at_once(void **state)
{
    (void)state;
    uint64_t base = stats().live;
    ac_future_int fs[3];
    for (int i = 0; i < 3; i++)
        ac_promise_set_int(ac_promise_new(&fs[i]), i + 1);
    ac_future_void all = ac_when_all(fs, 3);
    assert_null(all.task);
    assert_int_equal(fs[0].value + fs[1].value + fs[2].value, 6);
    assert_null(fs[2].task);
    assert_int_equal(stats().live, base);
}

struct producer {
    ac_promise **ps;
    int n, base;
};

static void *produce(void *arg)
{
    struct producer *p = arg;
    for (int i = 0; i < p->n; i++)
        ac_promise_set_int(p->ps[i], p->base + i);
    return NULL;
}

static void when_all_with_foreign_producers_sums_everything(void **state)
{
    (void)state;
    uint64_t base = stats().live;
    enum { N = 400, T = 4 };
    ac_future_int fs[N];
    ac_promise *ps[N];
    for (int i = 0; i < N; i++)
        ps[i] = ac_promise_new(&fs[i]);
    fs[0].task = NULL, fs[0].value = 0;       /* one already inline... */
    ac_promise_set_int(ps[0], 0);             /* ...its promise dropped */
    ac__task_free((ac_task *)ps[0]);
    ac_future_long sum = sum_all(fs, N);
    pthread_t th[T];
    struct producer pr[T];
    for (int t = 0; t < T; t++) {
        int lo = 1 + t * (N - 1) / T, hi = 1 + (t + 1) * (N - 1) / T;
        pr[t] = (struct producer){ps + lo, hi - lo, lo};
        pthread_create(&th[t], NULL, produce, &pr[t]);
    }
    assert_int_equal(ac_wait(sum), (long)N * (N - 1) / 2);
    for (int t = 0; t < T; t++)
        pthread_join(th[t], NULL);
    assert_int_equal(stats().live, base);
}

static void when_all_of_void_futures_waits_for_all(void **state)
{
    (void)state;
    ac_future_void fs[3] = {ac_delay(3), ac_yield(), {NULL}};
    ac_wait(ac_when_all(fs, 3));
    assert_null(fs[0].task);
    assert_null(fs[1].task);
}

static void when_any_completed_input_wins_without_allocating(void **state)
{
    (void)state;
    uint64_t base = stats().live;
    ac_future_int fs[3];
    ac_promise *p0 = ac_promise_new(&fs[0]);
    fs[1] = (ac_future_int){NULL, 9};
    ac_promise *p2 = ac_promise_new(&fs[2]);
    uint64_t before = stats().allocated;
    ac_future_size_t w = ac_when_any(fs, 3);
    assert_int_equal(stats().allocated, before);
    assert_null(w.task);
    assert_int_equal(w.value, 1);
    assert_int_equal(fs[1].value, 9);
    /* The losers were detached: completing them frees them. */
    ac_promise_set_int(p0, 1);
    ac_promise_set_int(p2, 2);
    assert_int_equal(stats().live, base);
}

static void when_any_of_nothing_is_einval(void **state)
{
    (void)state;
    ac_future_int fs[1];
    ac_future_size_t w = ac_when_any(fs, 0);
    assert_int_equal((long)w.value, -EINVAL);
}

struct racer {
    ac_promise *p;
    int value;
    pthread_barrier_t *go;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    pthread_barrier_wait(r->go);
    ac_promise_set_int(r->p, r->value);
    return NULL;
}

static void when_any_losers_completing_concurrently_are_freed(void **state)
{
    (void)state;
    uint64_t base = stats().live;
    enum { T = 4 };
    long rounds = test_scale(400);
    for (long round = 0; round < rounds; round++) {
        ac_future_int fs[T];
        struct racer rs[T];
        pthread_t th[T];
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, T);
        for (int i = 0; i < T; i++)
            rs[i] = (struct racer){ac_promise_new(&fs[i]), 100 + i, &go};
        ac_future_size_t w = ac_when_any(fs, T);
        for (int i = 0; i < T; i++)
            pthread_create(&th[i], NULL, race, &rs[i]);
        size_t win = ac_wait(w);
        assert_true(win < T);
        assert_int_equal(fs[win].value, 100 + (int)win);
        for (int i = 0; i < T; i++)
            pthread_join(th[i], NULL);
        pthread_barrier_destroy(&go);
    }
    for (int i = 0; i < 1000 && stats().live != base; i++)
        usleep(1000);       /* loser links run on workers after the win */
    assert_int_equal(stats().live, base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(when_all_of_completed_futures_allocates_nothing),
        cmocka_unit_test(when_all_of_done_tasks_completes_at_once),
        cmocka_unit_test(when_all_with_foreign_producers_sums_everything),
        cmocka_unit_test(when_all_of_void_futures_waits_for_all),
        cmocka_unit_test(when_any_completed_input_wins_without_allocating),
        cmocka_unit_test(when_any_of_nothing_is_einval),
        cmocka_unit_test(when_any_losers_completing_concurrently_are_freed),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    return rc;
}
