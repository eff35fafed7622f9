/* test_timer.c - ac_delay, cancellation of delays, and their races. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "lowered.h"

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static ac_stats stats(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s;
}

static void timer_delay_waits_at_least_its_time(void **state)
{
    (void)state;
    uint64_t t0 = now_ms();
    ac_wait(ac_delay(30));
    assert_true(now_ms() - t0 >= 30);
}

static void timer_delays_never_block_workers(void **state)
{
    (void)state;
    /* 200 concurrent 50 ms delays on 2 workers end in about 50 ms, and
     * yields keep running meanwhile. */
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    enum { N = 200 };
    ac_future_void fs[N];
    uint64_t t0 = now_ms();
    for (int i = 0; i < N; i++)
        fs[i] = ac_delay(50);
    assert_int_equal(ac_wait(count_yields(1000)), 1000);
    assert_true(now_ms() - t0 < 50);
    ac_wait(ac_when_all(fs, N));
    uint64_t took = now_ms() - t0;
    assert_true(took >= 50 && took < 1000);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static int order[8];
static int norder;

/* async void mark(ac_future_void f, int id) { await f; order[norder++] = id; } */
struct mark_frame {
    ac_task hdr;
    int state;
    int id;
    ac_task *awaiting;
};

static ac_future_void mark_move(struct mark_frame *fr, ac_future_void f);

static void mark_resume(ac_task *self)
{
    mark_move((struct mark_frame *)self, (ac_future_void){0});
}

static ac_future_void mark_move(struct mark_frame *fr, ac_future_void f)
{
    switch (fr->state) {
    case 1: goto resume_1;
    }
    if (f.task) {
        LOWERED_BOX(fr, mark_resume);
        fr->awaiting = f.task;
        fr->state = 1;
        if (ac__task_await(f.task, &fr->hdr))
            return (ac_future_void){&fr->hdr};
    resume_1:
        ac__task_free(fr->awaiting);
    }
    order[norder++] = fr->id;
    if (fr->hdr.resume == NULL)
        return (ac_future_void){NULL};
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_void){self};
}

static ac_future_void mark(ac_future_void f, int id)
{
    struct mark_frame fr = {.id = id};
    return mark_move(&fr, f);
}

static void timer_delays_fire_in_deadline_order(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.single_threaded = true}), 0);
    norder = 0;
    int ms[5] = {40, 10, 30, 20, 10};   /* ties fire in creation order */
    ac_future_void fs[5];
    for (int i = 0; i < 5; i++)
        fs[i] = mark(ac_delay((uint64_t)ms[i]), i);
    ac_wait(ac_when_all(fs, 5));
    int want[5] = {1, 4, 3, 2, 0};
    assert_memory_equal(order, want, sizeof want);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void timer_cancel_before_start_completes_at_once(void **state)
{
    (void)state;
    ac_cancel *c = ac_cancel_new();
    ac_cancel_trigger(c);
    uint64_t before = stats().allocated;
    ac_future_int f = ac_delay_cancel(10000, c);
    assert_null(f.task);
    assert_int_equal(f.value, -ECANCELED);
    assert_int_equal(stats().allocated, before);
    ac_cancel_free(c);
}

static void timer_cancel_pending_delay_gives_ecanceled(void **state)
{
    (void)state;
    ac_cancel *c = ac_cancel_new();
    uint64_t t0 = now_ms();
    ac_future_int f = ac_delay_cancel(10000, c);
    ac_future_int g = ac_delay_cancel(10000, c);
    assert_non_null(f.task);
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(f), -ECANCELED);
    assert_int_equal(ac_wait(g), -ECANCELED);
    assert_true(now_ms() - t0 < 5000);
    ac_cancel_free(c);
}

static void *trigger(void *arg)
{
    ac_cancel_trigger(arg);
    return NULL;
}

static void timer_cancel_racing_expiry_completes_exactly_once(void **state)
{
    (void)state;
    uint64_t base = stats().live;
    long rounds = test_scale(400);
    long cancelled = 0, fired = 0;
    for (long r = 0; r < rounds; r++) {
        ac_cancel *c = ac_cancel_new();
        enum { N = 8 };
        ac_future_int fs[N];
        for (int i = 0; i < N; i++)
            fs[i] = ac_delay_cancel((uint64_t)(i % 2), c);
        pthread_t th;
        pthread_create(&th, NULL, trigger, c);
        for (int i = 0; i < N; i++) {
            int v = ac_wait(fs[i]);
            assert_true(v == 0 || v == -ECANCELED);
            v ? cancelled++ : fired++;
        }
        pthread_join(th, NULL);
        ac_cancel_free(c);
    }
    printf("# %ld cancelled, %ld fired\n", cancelled, fired);
    assert_int_equal(stats().live, base);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(timer_delay_waits_at_least_its_time),
        cmocka_unit_test(timer_cancel_before_start_completes_at_once),
        cmocka_unit_test(timer_cancel_pending_delay_gives_ecanceled),
        cmocka_unit_test(timer_cancel_racing_expiry_completes_exactly_once),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    const struct CMUnitTest solo[] = {
        cmocka_unit_test(timer_delays_never_block_workers),
        cmocka_unit_test(timer_delays_fire_in_deadline_order),
    };
    return rc | cmocka_run_group_tests(solo, NULL, NULL);
}
