/* test_dump.c - ac_dump_tasks names suspended frames through the site
 * table (here written by hand for lowered.h's add_one, as the compiler
 * writes one per async function), says what each awaits and who awaits
 * it; ASYNCC_DUMP=1 dumps on SIGUSR1; a dump racing with tasks that
 * suspend and complete is clean under TSan.  Each case runs in a child
 * process, whose environment is set before the runtime's first use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "lowered.h"

static const ac__site add_one_sites[] AC__SITES = {
    {add_one_resume, "add_one", "lowered.h", "await f", 99, 16},
};

static void (*child_fn)(void);

static void with_dump_env(void)
{
    setenv("ASYNCC_DUMP", "1", 1);
    setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
    child_fn();
}

static int run_child(void (*fn)(void), bool dump_env, char *buf, size_t cap)
{
    child_fn = fn;
    return run_in_child(dump_env ? with_dump_env : fn, buf, cap, 60);
}

/* ac_dump_tasks into a string. */
static int dump_to(char *buf, size_t cap)
{
    FILE *f = fmemopen(buf, cap, "w");
    int n = ac_dump_tasks(f);
    fclose(f);
    return n;
}

static void two_suspended(void)
{
    char buf[4096];
    ac_future_int p1, p2;
    ac_promise *pr1 = ac_promise_new(&p1);
    ac_promise *pr2 = ac_promise_new(&p2);
    ac_future_int inner = add_one(p1);         /* suspended on a promise */
    ac_future_int outer = add_one(inner);      /* ... on the inner task */
    ac_future_int held = add_one(p2);
    int n = dump_to(buf, sizeof buf);
    fprintf(stderr, "n=%d\n%s", n, buf);
    ac_promise_set_int(pr1, 1);
    ac_promise_set_int(pr2, 5);
    fprintf(stderr, "outer=%d held=%d\n", ac_wait(outer), ac_wait(held));
    n = dump_to(buf, sizeof buf);
    fprintf(stderr, "after=%d\n%s", n, buf);
    ac_shutdown(UINT64_MAX);
}

static void dump_names_suspended_frames(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(two_suspended, true, buf, sizeof buf);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail_msg("status %#x: %s", st, buf);
    assert_non_null(strstr(buf, "n=3\nasyncc: 3 suspended tasks\n"));
    assert_non_null(strstr(buf, "  add_one at lowered.h:99: await f\n"
                                "      waits for a promise made at "));
    assert_non_null(strstr(buf, "awaited by task add_one\n"));
    assert_non_null(strstr(buf, "      waits for task add_one, for "));
    assert_non_null(strstr(buf, "awaited by nobody yet (its future is held)\n"));
    assert_non_null(strstr(buf, "outer=3 held=6\n"));
    assert_non_null(strstr(buf, "after=0\nasyncc: 0 suspended tasks\n"));
}

/* Frames awaiting the runtime's own tasks, and awaited by them: each is
 * named by the call the user wrote, not by the runtime's internals. */
static void on_runtime_tasks(void)
{
    char buf[8192];
    ac_future_int p1, p2, p3;
    ac_promise *pr1 = ac_promise_new(&p1);
    ac_promise *pr2 = ac_promise_new(&p2);
    ac_promise *pr3 = ac_promise_new(&p3);
    ac_future_int all_in[2] = {add_one(p1), add_one(p2)};
    ac_future_void all = ac_when_all(all_in, 2);
    ac_future_int bounded = add_one(ac_timeout(60000, add_one(p3), NULL));
    ac_mutex m = AC_MUTEX_INIT;
    if (!ac_trylock(&m))
        abort();
    ac_future_int locked = add_one(ac_lock(&m, NULL));
    int n = dump_to(buf, sizeof buf);
    fprintf(stderr, "n=%d\n%s", n, buf);
    ac_promise_set_int(pr1, 1);
    ac_promise_set_int(pr2, 2);
    ac_promise_set_int(pr3, 3);
    ac_unlock(&m);
    ac_wait(all);
    fprintf(stderr, "all=%d,%d bounded=%d locked=%d\n", ac_wait(all_in[0]),
            ac_wait(all_in[1]), ac_wait(bounded), ac_wait(locked));
    ac_shutdown(UINT64_MAX);
}

static void dump_names_runtime_tasks_by_call(void **state)
{
    (void)state;
    char buf[8192];
    int st = run_child(on_runtime_tasks, true, buf, sizeof buf);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail_msg("status %#x: %s", st, buf);
    assert_non_null(strstr(buf, "n=5\nasyncc: 5 suspended tasks\n"));
    assert_non_null(strstr(buf, "; awaited by ac_when_all\n"));   /* nobody awaits it yet */
    assert_non_null(strstr(buf, "; awaited by ac_timeout, awaited by task add_one\n"));
    assert_non_null(strstr(buf, "      waits for ac_timeout, for "));
    assert_non_null(strstr(buf, "      waits for a mutex or semaphore (ac_lock, ac_sem_acquire), "));
    assert_null(strstr(buf, "runtime task"));
    assert_non_null(strstr(buf, "all=2,3 bounded=5 locked=1\n"));
}

static void dump_without_registry(void)
{
    char buf[512];
    int n = dump_to(buf, sizeof buf);
    fprintf(stderr, "n=%d %s", n, buf);
}

static void dump_off_says_how_to_turn_it_on(void **state)
{
    (void)state;
    char buf[1024];
    unsetenv("ASYNCC_DUMP");
    unsetenv("ASYNCC_DEBUG");
    int st = run_child(dump_without_registry, false, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char want[256];
    snprintf(want, sizeof want, "n=%d asyncc: no task dump: the live-task registry is off "
             "(set ASYNCC_DUMP=1 or ASYNCC_DEBUG=1)\n", -ENOTSUP);
    assert_string_equal(buf, want);
}

static void signal_dumps(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = add_one(p);
    raise(SIGUSR1);
    /* The dump thread writes to stderr (the parent's pipe); give it time
     * before the task completes. */
    struct timespec ts = {0, 200 * 1000000};
    nanosleep(&ts, NULL);
    ac_promise_set_int(pr, 1);
    fprintf(stderr, "f=%d\n", ac_wait(f));
    ac_shutdown(UINT64_MAX);
}

static void sigusr1_dumps_to_stderr(void **state)
{
    (void)state;
    char buf[4096];
    int st = run_child(signal_dumps, true, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_non_null(strstr(buf, "asyncc: 1 suspended task\n"
                                "  add_one at lowered.h:99: await f\n"));
    assert_non_null(strstr(buf, "f=2\n"));
}

/* A frame suspends in its ramp on a promise before anything started the
 * pool; main completes the promise.  The frame must run then (and a dump
 * list it at its next await), not sit in the queue of a pool nobody
 * started until the next ac_wait, where every dump missed it. */
static void resumed_before_pool_started(void)
{
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = add_one(p);
    ac_promise_set_int(pr, 1);
    bool ran = false;
    for (int i = 0; i < 500 && !ran; i++) {
        ran = atomic_load(&f.task->waiter) == AC__WAITER_DONE;
        struct timespec ts = {0, 10 * 1000000};
        nanosleep(&ts, NULL);
    }
    fprintf(stderr, "ran=%d f=%d\n", ran, ac_wait(f));
    ac_shutdown(UINT64_MAX);
}

static void completion_before_start_runs_awaiter(void **state)
{
    (void)state;
    char buf[1024];
    int st = run_child(resumed_before_pool_started, true, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    assert_string_equal(buf, "ran=1 f=2\n");
}

/* Frames suspend on promises that another thread completes while this one
 * dumps: the dump reads only what the table holds under its lock, atomics,
 * and runtime tasks' fields written before they were published. */
enum { ROUNDS = 200, WIDTH = 8 };
static ac_promise *promises[WIDTH];
static _Atomic int ready;

static void *completer(void *arg)
{
    (void)arg;
    for (int r = 0; r < ROUNDS; r++) {
        while (atomic_load(&ready) != r + 1)
            ;
        for (int i = 0; i < WIDTH; i++)
            ac_promise_set_int(promises[i], i);
    }
    return NULL;
}

static void dump_while_running(void)
{
    FILE *null = fopen("/dev/null", "w");
    pthread_t th;
    pthread_create(&th, NULL, completer, NULL);
    long sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        ac_future_int fs[WIDTH];
        for (int i = 0; i < WIDTH; i++) {
            ac_future_int p;
            promises[i] = ac_promise_new(&p);
            fs[i] = add_one(add_one(p));
        }
        atomic_store(&ready, r + 1);
        ac_dump_tasks(null);
        for (int i = 0; i < WIDTH; i++)
            sum += ac_wait(fs[i]);
    }
    pthread_join(th, NULL);
    fclose(null);
    fprintf(stderr, "sum=%ld\n", sum);
    ac_shutdown(UINT64_MAX);
}

static void dump_races_with_completions(void **state)
{
    (void)state;
    char buf[4096];
    int st = run_child(dump_while_running, true, buf, sizeof buf);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    char want[64];
    snprintf(want, sizeof want, "sum=%d\n", ROUNDS * (WIDTH * (WIDTH - 1) / 2 + 2 * WIDTH));
    assert_string_equal(buf, want);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(dump_names_suspended_frames),
        cmocka_unit_test(dump_names_runtime_tasks_by_call),
        cmocka_unit_test(dump_off_says_how_to_turn_it_on),
        cmocka_unit_test(sigusr1_dumps_to_stderr),
        cmocka_unit_test(dump_races_with_completions),
        cmocka_unit_test(completion_before_start_runs_awaiter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
