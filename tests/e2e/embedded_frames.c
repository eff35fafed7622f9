/* A static async function awaited as a direct call by a later function of
 * the file boxes its frame inside the caller's frame (ac__callee) once the
 * caller has one: no allocation per call.  Checked here: the results, and
 * the number of allocations (ac_stats) of loops that suspend every time;
 * a callee that completes right after boxing (its await finds the task
 * completed), one that never suspends, two callees and two await sites in
 * one caller, three levels of nesting, a void callee without parameters,
 * a callee name hidden by a local, and a callee whose frame cannot be
 * embedded (a local's address is taken, so it is allocated on entry). */
#include <asyncc.h>
#include <stdio.h>

static async long leaf(long i) {
    await ac_yield();
    return i & 1;
}

static async long mid(long i) {
    return await leaf(i) + await leaf(i + 1);   /* two sites, one callee */
}

static async long top(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += await mid(i);                      /* mid embeds leaf */
    return t;
}

/* Given a future whose task is already completed: it boxes, then
 * ac__task_await says "completed" and its resume runs at once. */
static async long done_after_boxing(ac_future(long) f) {
    return await f;
}

static async long never_suspends(long v) {
    if (v < 0)
        await ac_yield();
    return v * 2;
}

static int ticks;
static async void tick(void) {
    await ac_yield();
    ticks++;
}

static async long escapes(long v) {
    long cell = v;
    long *p = &cell;
    await ac_yield();
    return *p + 1;
}

static async long mixed(long n) {
    long t = 0;
    for (long i = 0; i < n; i++) {
        ac_future(long) f;
        ac_promise_set_long(ac_promise_new(&f), i);
        t += await done_after_boxing(f);
        t += await never_suspends(i);
        await tick();
        t += await escapes(i);
        ac_future(long) (*leaf)(long) = never_suspends;   /* hides leaf */
        t += await leaf(1);
    }
    return t;
}

int main(void) {
    ac_stats s0, s1;
    ac_stats_get(&s0);
    long r = ac_wait(top(1000));
    ac_stats_get(&s1);
    /* top's frame, and leaf's and mid's before top first suspended: a
     * handful, not one per call (that would be 3000). */
    printf("top %ld, allocations %s\n", r,
           s1.allocated - s0.allocated < 10 ? "a few" : "one per call");

    ac_stats_get(&s0);
    r = ac_wait(mixed(100));
    ac_stats_get(&s1);
    /* The promises and escapes' frames (allocated on entry) are allocated
     * every time: 200, plus a few before mixed first suspended. */
    unsigned long n = (unsigned long)(s1.allocated - s0.allocated);
    printf("mixed %ld, ticks %d, allocations %s\n", r, ticks,
           n >= 200 && n < 210 ? "one per promise and escapes call" : "unexpected");
    if (n < 200 || n >= 210)
        fprintf(stderr, "mixed: %lu allocations\n", n);
    return ac_shutdown(1000) != 0;
}
