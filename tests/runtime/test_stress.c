/* test_stress.c - the races that matter, at scale.  Short by default (the
 * normal test run); ASYNCC_STRESS=1 (make stress) makes each 10x longer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "lowered.h"

static uint64_t live(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s.live;
}

static void settle(uint64_t base)
{
    for (int i = 0; i < 5000 && live() != base; i++)
        usleep(1000);
    assert_int_equal(live(), base);
}

static void stress_many_tasks_across_workers(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t base = live();
    long n = test_scale(1000000);
    _Atomic long counter = 0;
    ac_future_void all;
    ac_promise *done = ac_promise_new(&all);
    /* Spawned from a worker too: ac_run's task fans out from the pool. */
    for (long i = 0; i < n; i++)
        ac_detach(tick(i % 3 ? ac_yield() : (ac_future_void){NULL}, &counter,
                       n, done));
    ac_wait(all);
    assert_int_equal(atomic_load(&counter), n);
    settle(base);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

struct completer {
    ac_promise **ps;
    long n;
    int stride, offset;
};

static void *complete_some(void *arg)
{
    struct completer *c = arg;
    for (long i = c->offset; i < c->n; i += c->stride)
        ac_promise_set_int(c->ps[i], 1);
    return NULL;
}

static void stress_promises_from_foreign_threads_while_awaited(void **state)
{
    (void)state;
    uint64_t base = live();
    long n = test_scale(100000);
    enum { T = 4 };
    ac_promise **ps = malloc((size_t)n * sizeof *ps);
    ac_future_int *fs = malloc((size_t)n * sizeof *fs);
    for (long i = 0; i < n; i++) {
        ac_future_int p;
        ps[i] = ac_promise_new(&p);
        fs[i] = add_one(p);         /* frame suspended on the promise */
    }
    ac_future_long sum = sum_all(fs, (size_t)n);
    pthread_t th[T];
    struct completer cs[T];
    for (int t = 0; t < T; t++) {
        cs[t] = (struct completer){ps, n, T, t};
        pthread_create(&th[t], NULL, complete_some, &cs[t]);
    }
    assert_int_equal(ac_wait(sum), 2 * n);
    for (int t = 0; t < T; t++)
        pthread_join(th[t], NULL);
    free(ps);
    free(fs);
    settle(base);
}

struct racer {
    ac_promise *p;
    pthread_barrier_t *go;
};

static void *race(void *arg)
{
    struct racer *r = arg;
    pthread_barrier_wait(r->go);
    ac_promise_set_int(r->p, 1);
    return NULL;
}

static void stress_when_any_losers_complete_concurrently(void **state)
{
    (void)state;
    uint64_t base = live();
    long rounds = test_scale(2000);
    enum { T = 3, N = 6 };
    for (long r = 0; r < rounds; r++) {
        ac_future_int fs[N];
        ac_promise *ps[N];
        for (int i = 0; i < N; i++)
            ps[i] = ac_promise_new(&fs[i]);
        fs[N - 1] = add_one(fs[N - 1]);       /* one input is a frame */
        ac_future_size_t w = ac_when_any(fs, N);
        pthread_barrier_t go;
        pthread_barrier_init(&go, NULL, T + 1);
        pthread_t th[T];
        struct racer rs[T];
        for (int t = 0; t < T; t++) {
            rs[t] = (struct racer){ps[t], &go};
            pthread_create(&th[t], NULL, race, &rs[t]);
        }
        pthread_barrier_wait(&go);
        for (int i = T; i < N; i++)
            ac_promise_set_int(ps[i], 1);      /* this thread races too */
        size_t win = ac_wait(w);
        assert_true(win < N);
        assert_int_equal(fs[win].value, win == N - 1 ? 2 : 1);
        for (int t = 0; t < T; t++)
            pthread_join(th[t], NULL);
        pthread_barrier_destroy(&go);
    }
    settle(base);
}

struct canceller {
    ac_cancel *c;
    int fd;
};

static void *cancel_or_write(void *arg)
{
    struct canceller *k = arg;
    if (k->fd >= 0) {
        ssize_t r = write(k->fd, "z", 1);
        (void)r;
    }
    ac_cancel_trigger(k->c);
    return NULL;
}

static void stress_cancellation_races_completion(void **state)
{
    (void)state;
    uint64_t base = live();
    long rounds = test_scale(2000);
    long got[3] = {0};
    for (long r = 0; r < rounds; r++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        ac_set_nonblocking(fds[0]);
        ac_set_nonblocking(fds[1]);
        ac_cancel *c = ac_cancel_new();
        char b;
        ac_future_ssize_t rd = ac_read(fds[0], &b, 1, c);
        ac_future_int dl = ac_delay_cancel((uint64_t)(r % 2), c);
        struct canceller k = {c, fds[1]};
        pthread_t th;
        pthread_create(&th, NULL, cancel_or_write, &k);
        ssize_t v = ac_wait(rd);
        int d = ac_wait(dl);
        assert_true(v == 1 || v == -ECANCELED);
        assert_true(d == 0 || d == -ECANCELED);
        got[v == 1]++;
        got[2] += d == 0;
        pthread_join(th, NULL);
        ac_cancel_free(c);
        ac_io_forget(fds[0]);
        ac_io_forget(fds[1]);
        close(fds[0]);
        close(fds[1]);
    }
    printf("# reads: %ld cancelled, %ld completed; delays fired: %ld\n",
           got[0], got[1], got[2]);
    settle(base);
}

static void stress_shutdown_with_pending_work_drains_it(void **state)
{
    (void)state;
    long cycles = test_scale(20);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);   /* autostarted before */
    for (long k = 0; k < cycles; k++) {
        assert_int_equal(ac_start(&(ac_config){.workers = 2,
                                               .single_threaded = k % 4 == 3}),
                         0);
        _Atomic long counter = 0;
        long n = 500;
        for (long i = 0; i < n; i++) {
            ac_future_void f = i % 2 ? ac_delay((uint64_t)(i % 7)) : ac_yield();
            ac_detach(tick(f, &counter, n, NULL));
        }
        ac_detach(count_yields(100));
        assert_int_equal(ac_shutdown(UINT64_MAX), 0);
        assert_int_equal(atomic_load(&counter), n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stress_many_tasks_across_workers),
        cmocka_unit_test(stress_promises_from_foreign_threads_while_awaited),
        cmocka_unit_test(stress_when_any_losers_complete_concurrently),
        cmocka_unit_test(stress_cancellation_races_completion),
        cmocka_unit_test(stress_shutdown_with_pending_work_drains_it),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    return rc;
}
