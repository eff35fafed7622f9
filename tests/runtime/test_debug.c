/* test_debug.c - ASYNCC_DEBUG=1 names leaked and twice-consumed tasks
 * with where they were created.  Each case runs in a child process. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "lowered.h"

/* Runs fn in a child with ASYNCC_DEBUG=1; returns its stderr and status. */
static void (*debug_fn)(void);

static void in_debug_mode(void)
{
    setenv("ASYNCC_DEBUG", "1", 1);
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    debug_fn();
}

static int run_child(void (*fn)(void), char *buf, size_t cap)
{
    debug_fn = fn;
    return run_in_child(in_debug_mode, buf, cap, 20);
}

static void leak_a_future(void)
{
    ac_future_int p;
    ac_promise_new(&p);               /* never completed nor consumed */
    ac_future_int f = add_one(p);
    (void)f;
    long left = ac_shutdown(UINT64_MAX);
    fprintf(stderr, "left=%ld\n", left);
    _exit(0);
}

static void debug_leaked_task_is_reported_with_creator(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(leak_a_future, buf, sizeof buf);
    assert_true(WIFEXITED(st));
    assert_non_null(strstr(buf, "live, created at"));
    assert_non_null(strstr(buf, "+0x"));    /* module+offset for addr2line */
}

static void consume_twice(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_promise_set_int(pr, 1);
    ac_task *t = p.task;
    assert_int_equal(ac_wait(p), 1);   /* consumes (frees) the task */
    ac__task_free(t);                  /* second consumption */
}

static void debug_consumed_twice_aborts_with_creator(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(consume_twice, buf, sizeof buf);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "consumed twice"));
    assert_non_null(strstr(buf, "created at"));
}

static void await_after_free(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_promise_set_int(pr, 1);
    ac_future_int copy = p;
    assert_int_equal(ac_wait(p), 1);
    ac_wait(copy);                     /* the same future, again */
}

static void debug_waiting_a_consumed_future_aborts(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(await_after_free, buf, sizeof buf);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "consumed twice (awaited"));
}

/* The yield sentinel is not from the allocator: every way of consuming
 * a yield future passes the debug checks and nothing is reported live. */
static void yields_in_debug_mode(void)
{
    ac_wait(ac_yield());
    ac_detach(ac_yield());
    assert_int_equal(ac_wait(count_yields(100)), 100);
    ac_future_void fs[2] = {ac_yield(), ac_yield()};
    ac_wait(ac_when_all(fs, 2));
    ac_future_void gs[2] = {ac_yield(), ac_yield()};
    ac_wait(ac_when_any(gs, 2));
    long left = ac_shutdown(UINT64_MAX);
    fprintf(stderr, "left=%ld\n", left);
    _exit(0);
}

static void debug_yield_futures_pass_the_checks(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(yields_in_debug_mode, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_non_null(strstr(buf, "left=0"));
    assert_null(strstr(buf, "live, created at"));
    assert_null(strstr(buf, "consumed twice"));
}

/* A frame the compiler embeds in its caller's frame is allocated after all
 * under ASYNCC_DEBUG (the checks know allocations only); without it, the
 * room given is used. */
static void frame_at_in_debug_mode(void)
{
    static _Alignas(16) char room[64];
    void *p = ac__frame_at(room, 32);
    fprintf(stderr, "frame_at=%s\n", p == (void *)room ? "room" : "heap");
    ac__frame_free(p);
    fprintf(stderr, "left=%ld\n", ac_shutdown(UINT64_MAX));
    _exit(0);
}

static void debug_embedded_frames_are_allocated(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(frame_at_in_debug_mode, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_non_null(strstr(buf, "frame_at=heap"));
    assert_non_null(strstr(buf, "left=0"));
    static _Alignas(16) char room[64];
    assert_ptr_equal(ac__frame_at(room, 32), room);   /* debug off here */
}

static void reuse_in_debug_mode(void)
{
    ac_wait(ac_delay(1));           /* the first allocation reads the mode */
    int a[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a) != 0)
        _exit(2);
    char buf[8];
    if (write(a[1], "1", 1) != 1 || ac_wait(ac_read(a[0], buf, 8, NULL)) != 1)
        _exit(3);
    int num = a[0];
    close(a[0]);                          /* no ac_close */
    int b = socket(AF_UNIX, SOCK_STREAM, 0);
    if (b != num && dup2(b, num) != num)
        _exit(4);
    ac_future_ssize_t f = ac_read(num, buf, 8, NULL);  /* not connected */
    fprintf(stderr, "value=%zd\n", f.task ? (ssize_t)1 : f.value);
    _exit(0);
}

static void debug_reports_descriptor_closed_behind_runtime(void **state)
{
    (void)state;
    char buf[4096];
    int st = run_child(reuse_in_debug_mode, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_non_null(strstr(buf, "was closed and reused behind the runtime's back"));
    assert_non_null(strstr(buf, "ac_close(fd)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(debug_leaked_task_is_reported_with_creator),
        cmocka_unit_test(debug_consumed_twice_aborts_with_creator),
        cmocka_unit_test(debug_waiting_a_consumed_future_aborts),
        cmocka_unit_test(debug_yield_futures_pass_the_checks),
        cmocka_unit_test(debug_reports_descriptor_closed_behind_runtime),
        cmocka_unit_test(debug_embedded_frames_are_allocated),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
