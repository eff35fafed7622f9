/* test_alloc.c - pooled frames: size classes, memory per suspended task,
 * no system allocation in a steady state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

#include "internal.h"
#include "lowered.h"

static ac_stats stats(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s;
}

static long rss_kib(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
            resident = 0;
        fclose(f);
    }
    return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static void alloc_sizes_round_up_to_their_class(void **state)
{
    (void)state;
    size_t sizes[] = {1, 16, 17, 24, 25, 32, 33, 100, 256, 257, 320, 321,
                      1000, 4096, 4097, 100000};
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        char *p = ac__mem_alloc(sizes[i]);
        size_t got = ac__mem_size(p);
        assert_true(got >= sizes[i]);
        assert_true(sizes[i] <= 256 ? got - sizes[i] < 16 : got < sizes[i] * 5 / 4 + 16);
        /* 17 to 24 bytes: the 24-byte class, 8-aligned (enough for any C
         * object of that size); everything else 16-aligned. */
        bool class24 = sizes[i] > 16 && sizes[i] <= 24;
        assert_int_equal(got, class24 ? 24 : got);
        assert_int_equal((uintptr_t)p % (class24 ? 8 : 16), 0);
        memset(p, 0xab, sizes[i]);
        ac__mem_free(p);
    }
}

static void alloc_frame_of_24_bytes_costs_24(void **state)
{
    (void)state;
    ac_stats s0 = stats();
    void *p[3];
    for (int i = 0; i < 3; i++)
        p[i] = ac__frame_alloc(24);
    assert_int_equal(stats().live_bytes - s0.live_bytes, 3 * 24);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(ac__mem_size(p[i]), 24);
        assert_int_equal((uintptr_t)p[i] % 8, 0);
        memset(p[i], i, 24);
    }
    for (int i = 0; i < 3; i++)
        ac__mem_free(p[i]);
    assert_int_equal(stats().live_bytes, s0.live_bytes);
}

static void alloc_frame_of_32_bytes_costs_32(void **state)
{
    (void)state;
    void *p = ac__frame_alloc(sizeof(struct add_one_frame));
    assert_int_equal(sizeof(struct add_one_frame), 32);
    assert_int_equal(ac__mem_size(p), 32);
    ac_stats s0 = stats();
    void *q = ac__frame_alloc(32);
    assert_int_equal(stats().live_bytes - s0.live_bytes, 32);
    ac__mem_free(q);
    ac__mem_free(p);
}

/* The brief's target: a suspended trivial task costs <= 48 bytes. */
static void alloc_million_suspended_tasks_fit_in_48_bytes_each(void **state)
{
    (void)state;
    long n = test_scale(1000000);
    if (n > 1000000)
        n = 1000000;
    ac_stats s0 = stats();
    long rss0 = rss_kib();
    ac_future_int p;
    ac_promise *pr = ac_promise_new(&p);
    ac_future_int f = p;
    for (long i = 0; i < n; i++)
        f = add_one(f);                 /* n frames suspended in a chain */
    ac_stats s1 = stats();
    long rss1 = rss_kib();
    double per_task = (double)(s1.live_bytes - s0.live_bytes) / (double)n;
    double per_slab = (double)(s1.slab_bytes - s0.slab_bytes) / (double)n;
    printf("# %ld suspended tasks: %.1f bytes each live, %.1f bytes each of "
           "slab, RSS +%.1f bytes each\n",
           n, per_task, per_slab, (double)(rss1 - rss0) * 1024.0 / (double)n);
    assert_true(per_task <= 48.0);
    assert_true(per_slab <= 48.0);
    ac_promise_set_int(pr, 0);
    assert_int_equal(ac_wait(f), n);
    assert_int_equal(stats().live, s0.live);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

/* A steady "server": rounds of N requests, each a frame suspended on a
 * promise, completed by another thread, so that every round reaches the
 * same peak.  After warm-up no slab is carved, whichever thread frees
 * what: thread caches are bounded and the rest circulates via the depot. */
static void *complete_all(void *arg)
{
    ac_promise **ps = arg;
    for (int i = 0; i < 2000; i++)
        ac_promise_set_int(ps[i], 1);
    return NULL;
}

static void alloc_steady_state_takes_nothing_from_the_system(void **state)
{
    (void)state;
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    uint64_t slabs_after_warmup = 0;
    for (int round = 0; round < 8; round++) {
        enum { N = 2000 };
        static ac_future_int fs[N];
        static ac_promise *ps[N];
        for (int i = 0; i < N; i++) {
            ac_future_int p;
            ps[i] = ac_promise_new(&p);
            fs[i] = add_one(p);
        }
        ac_future_long sum = sum_all(fs, N);
        pthread_t th;
        pthread_create(&th, NULL, complete_all, ps);
        assert_int_equal(ac_wait(sum), 2L * N);
        pthread_join(th, NULL);
        if (round == 3)
            slabs_after_warmup = stats().slab_bytes;
    }
    printf("# slab bytes after warm-up %lu, at end %lu\n",
           (unsigned long)slabs_after_warmup,
           (unsigned long)stats().slab_bytes);
    assert_int_equal(stats().slab_bytes, slabs_after_warmup);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
}

static void *free_all(void *arg)
{
    void **ps = arg;
    for (int i = 0; i < 10000; i++)
        ac__mem_free(ps[i]);
    return NULL;
}

static void alloc_objects_freed_on_another_thread_are_reused(void **state)
{
    (void)state;
    static void *ps[10000];
    uint64_t after_first = 0;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 10000; i++)
            ps[i] = ac__mem_alloc(208);
        pthread_t th;
        pthread_create(&th, NULL, free_all, ps);
        pthread_join(th, NULL);     /* its cache goes back to the depot */
        if (round == 0)
            after_first = stats().slab_bytes;
    }
    assert_int_equal(stats().slab_bytes, after_first);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(alloc_sizes_round_up_to_their_class),
        cmocka_unit_test(alloc_frame_of_24_bytes_costs_24),
        cmocka_unit_test(alloc_frame_of_32_bytes_costs_32),
        cmocka_unit_test(alloc_million_suspended_tasks_fit_in_48_bytes_each),
        cmocka_unit_test(alloc_steady_state_takes_nothing_from_the_system),
        cmocka_unit_test(alloc_objects_freed_on_another_thread_are_reused),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    return rc;
}
