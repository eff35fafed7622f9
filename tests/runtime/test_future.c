/* test_future.c - the task protocol, promises, ac_wait, ac_detach, with
 * async functions lowered by hand (lowered.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lowered.h"

struct point {
    int x, y;
};
AC_FUTURE_DECLARE(point, struct point)

static uint64_t allocated(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s.allocated;
}

static uint64_t live(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s.live;
}

static void future_sync_completion_allocates_nothing(void **state)
{
    (void)state;
    uint64_t before = allocated();
    ac_future_int f = add_one((ac_future_int){NULL, 41});
    assert_null(f.task);
    assert_int_equal(f.value, 42);
    ac_future_int g = add_one(add_one(add_one(f)));
    assert_null(g.task);
    assert_int_equal(ac_wait(g), 45);
    assert_int_equal(allocated(), before);
}

static void *complete_later(void *arg)
{
    usleep(20000);
    ac_promise_set_int(arg, 7);
    return NULL;
}

static void future_promise_from_foreign_thread_resumes_awaiter(void **state)
{
    (void)state;
    uint64_t base = live();
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = add_one(p);
    assert_non_null(f.task);            /* suspended on the promise */
    pthread_t th;
    pthread_create(&th, NULL, complete_later, pr);
    assert_int_equal(ac_wait(f), 8);
    pthread_join(th, NULL);
    assert_int_equal(live(), base);
}

static void future_promise_completed_before_await_continues_inline(void **state)
{
    (void)state;
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_promise_set_int(pr, 1);
    ac_future_int f = add_one(p);   /* boxes, registration fails, continues */
    assert_int_equal(ac_wait(f), 2);
}

static void future_long_chain_never_recurses(void **state)
{
    (void)state;
    long n = test_scale(200000);
    uint64_t base = live();
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = p;
    for (long i = 0; i < n; i++)
        f = add_one(f);                 /* each suspends on the previous */
    assert_int_equal(live(), base + (uint64_t)n + 1);
    ac_promise_set_int(pr, 0);
    assert_int_equal(ac_wait(f), n);
    assert_int_equal(live(), base);
}

static void future_await_completed_tasks_in_loop_never_recurses(void **state)
{
    (void)state;
    int n = (int)test_scale(100000);
    ac_future_int *futs = calloc((size_t)n, sizeof *futs);
    for (int i = 0; i < n; i++) {
        ac_promise *pr = ac_promise_new(&futs[i]);
        ac_promise_set_int(pr, 1);      /* a task, already done */
    }
    ac_future_int f = spin_awaits(futs, n);
    assert_int_equal(ac_wait(f), n);
    free(futs);
}

static void future_wait_works_for_void_and_user_types(void **state)
{
    (void)state;
    ac_future_void v;
    ac_promise *pv = ac_promise_new(&v);
    ac_promise_set_void(pv);
    ac_wait(v);

    ac_future_point fp;
    ac_promise *pp = ac_promise_new(&fp);
    ac_promise_set_point(pp, (struct point){3, 4});
    struct point q = ac_wait(fp);
    assert_int_equal(q.x + q.y, 7);

    ac_future(double) d = {NULL, 2.5};
    assert_true(ac_wait(d) == 2.5);

    ac_future_ptr ptr;
    ac_promise *ppr = ac_promise_new(&ptr);
    ac_promise_set_ptr(ppr, &q);
    assert_ptr_equal(ac_wait(ptr), &q);
}

static void future_detach_frees_on_completion(void **state)
{
    (void)state;
    uint64_t base = live();
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = add_one(p);
    ac_detach(f);
    ac_promise_set_int(pr, 5);
    /* The frame resumes on a worker; it frees itself when it completes. */
    for (int i = 0; i < 2000 && live() != base; i++)
        usleep(1000);
    assert_int_equal(live(), base);

    ac_future_int done;
    ac_promise *pd = ac_promise_new(&done);
    ac_promise_set_int(pd, 1);
    ac_detach(done);                    /* already completed: freed now */
    assert_int_equal(live(), base);
}

static void *triple(void *arg)
{
    return (char *)arg + 3;
}

static void future_ac_run_returns_result(void **state)
{
    (void)state;
    static char buf[8];
    ac_future_ptr f = ac_run(triple, buf);
    assert_ptr_equal(ac_wait(f), buf + 3);
}

/* Runs fn in a child process; true if it died of SIGABRT with `needle`
 * on stderr. */
static bool aborts_with(void (*fn)(void), const char *needle)
{
    char buf[4096];
    int st = run_in_child(fn, buf, sizeof buf, 0);
    return st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && strstr(buf, needle);
}

static void await_twice(void)
{
    ac_future_int p;
    ac_promise_new(&p);
    ac_task a = {0}, b = {0};
    ac__task_await(p.task, &a);
    ac__task_await(p.task, &b);
}

static void future_await_twice_aborts(void **state)
{
    (void)state;
    assert_true(aborts_with(await_twice, "consumed twice"));
}

static void complete_twice(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_promise_set_int(pr, 1);
    ac_promise_set_int(pr, 2);
}

static void future_complete_twice_aborts(void **state)
{
    (void)state;
    assert_true(aborts_with(complete_twice, "completed twice"));
}

static void free_pending(void)
{
    ac_future_int p;
    ac_promise_new(&p);
    ac__task_free(p.task);
}

static void future_free_before_completion_aborts(void **state)
{
    (void)state;
    assert_true(aborts_with(free_pending, "before it completed"));
}

/* The same pending future consumed twice (a copy kept by the user), in
 * every build mode: the first await frees its task, which keeps
 * AC__WAITER_CONSUMED while its memory is not reused. */
static void await_consumed(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int copy = p;
    ac_future_int f = add_one(p);         /* suspends on p */
    ac_promise_set_int(pr, 1);
    if (ac_wait(f) != 2)
        _exit(3);
    ac_wait(add_one(copy));               /* awaits the freed task */
}

static void future_await_of_consumed_future_aborts(void **state)
{
    (void)state;
    ac_shutdown(UINT64_MAX);       /* the child starts its own workers */
    assert_true(aborts_with(await_consumed, "awaited while already consumed"));
}

/* The message names the await's source line (addr2line on the return
 * address into the awaiting code; the tests are built with -g). */
static void future_await_of_consumed_future_names_the_await(void **state)
{
    (void)state;
    char buf[4096];
    ac_shutdown(UINT64_MAX);
    int st = run_in_child(await_consumed, buf, sizeof buf, 10);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    const char *at = strstr(buf, "the await is at ");
    assert_non_null(at);
    const char *colon = strchr(at + 16, ':');
    assert_non_null(colon);
    assert_true(colon[1] >= '1' && colon[1] <= '9');
    assert_true(strstr(at, ".h:") || strstr(at, ".c:"));
}

static void wait_consumed(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_promise_set_int(pr, 1);
    ac_future_int copy = p;
    if (ac_wait(p) != 1)
        _exit(3);
    ac_wait(copy);
}

static void future_wait_of_consumed_future_names_the_line(void **state)
{
    (void)state;
    char buf[4096];
    ac_shutdown(UINT64_MAX);
    int st = run_in_child(wait_consumed, buf, sizeof buf, 10);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "test_future.c:"));
    assert_non_null(strstr(buf, ": ac_wait of a future that was already consumed"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(future_sync_completion_allocates_nothing),
        cmocka_unit_test(future_promise_from_foreign_thread_resumes_awaiter),
        cmocka_unit_test(future_promise_completed_before_await_continues_inline),
        cmocka_unit_test(future_long_chain_never_recurses),
        cmocka_unit_test(future_await_completed_tasks_in_loop_never_recurses),
        cmocka_unit_test(future_wait_works_for_void_and_user_types),
        cmocka_unit_test(future_detach_frees_on_completion),
        cmocka_unit_test(future_ac_run_returns_result),
        cmocka_unit_test(future_await_twice_aborts),
        cmocka_unit_test(future_complete_twice_aborts),
        cmocka_unit_test(future_free_before_completion_aborts),
        cmocka_unit_test(future_await_of_consumed_future_aborts),
        cmocka_unit_test(future_await_of_consumed_future_names_the_await),
        cmocka_unit_test(future_wait_of_consumed_future_names_the_line),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_true(ac_shutdown(UINT64_MAX) == 0);
    return rc;
}
