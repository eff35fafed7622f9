/* gdb on chains of awaits (tests/run.sh, debug/gdb-chains): async finish
 * into a loop's next iteration and through `return await`; async next
 * and async bt in recursive ramps, and from a ramp whose task completes
 * on a worker while the ramp returns; a resumed task's dead parameter;
 * async bt in a task resumed in place, on its ramp's stack, and in a task
 * whose future is held; async next when a worker resumes the task before
 * its ramp returns.
 * Lines by "@name". */
#include <asyncc.h>
#include <stdio.h>
#include <time.h>

static async int leaf(int n) {
    await ac_delay(1);
    return n + 1;                               /* @leaf-return */
}

static async int looped(int k) {
    int s = 0;
    for (int i = 0; i < k; i++)                 /* @loop-head */
        s += await leaf(i);
    return s;
}

static async int passed_on(int k) {
    int s = k * 3;
    return await leaf(s);
}

/* Its only line is the await's. */
static async int relay(int k) { return await passed_on(k); }

static async int top(void) {
    int v = await relay(2);
    v += 1;                                     /* @top-after */
    return v;
}

static async int fact(int n) {
    if (n <= 1)                                 /* @fact-first */
        return 1;                               /* @fact-base */
    int r = await fact(n - 1);                  /* @fact-await */
    if (n == 3)                                 /* @fact-after */
        await ac_delay(1);
    return n * r;
}

static async int bumped(int n) {
    await ac_yield();
    return n + 1;
}

static async int quick(int n) {
    int m = n * 2;
    return await bumped(m);                     /* @quick-await */
}

/* Its parameters are dead after the await: the frame does not keep them. */
static async int scaled(int factor, int n) {
    int x = n * factor;
    await ac_delay(1);
    x += 1;                                     /* @scaled-after */
    return x;
}

/* Plain code that takes its time (the ramp's thread), while a worker runs
 * the child to its end. */
static void pause_ms(long ms) {
    struct timespec ts = {0, ms * 1000000};
    nanosleep(&ts, NULL);
}

/* Its await finds the child's task completed: the ramp runs the resume
 * function at once, on its own stack, before returning its future. */
static async int in_place(void) {
    ac_future(int) f = bumped(1);
    pause_ms(100);
    int v = await f;
    v += 1;                                     /* @in-place-after */
    v += await bumped(v);
    return v;
}

/* The same with one await: it completes in place, before its ramp returns. */
static async int in_place_once(void) {
    ac_future(int) f = bumped(1);
    pause_ms(100);
    int v = await f;
    v += 1;                                     /* @once-after */
    return v;
}

/* A worker resumes it (after the yield) while its ramp returns. */
static async int raced(int k) {
    int v = k;                                  /* @raced-first */
    await ac_yield();                           /* @raced-await */
    v += 1;                                     /* @raced-next */
    v += 2;
    return v;
}

/* Two awaits: resumed by F__resume_1 and F__resume_2, which are no ramps. */
static async int two_awaits(int n) {
    await ac_yield();
    n += 1;                                     /* @two-between */
    await ac_yield();                           /* @two-second */
    return n;                                   /* @two-return */
}

/* One line, not static: `break forward` stops in its ramp F before its run
 * function. */
async int forward(int k);
async int forward(int k) { return await leaf(k); }   /* @forward */

int main(void) {
    ac_future(int) held = two_awaits(1);        /* awaited after the pause */
    pause_ms(300);
    int vh = ac_wait(held), vr = ac_wait(raced(1));
    ac_future(int) a = looped(3), b = top(), c = fact(5), d = quick(1), e = scaled(3, 4);
    int va = ac_wait(a), vb = ac_wait(b), vc = ac_wait(c), vd = ac_wait(d), ve = ac_wait(e);
    int vf = ac_wait(in_place()) + ac_wait(in_place_once()) + ac_wait(forward(5));
    printf("%d %d %d %d %d %d %d %d\n", vh, vr, va, vb, vc, vd, ve, vf);
    return ac_shutdown(1000) != 0;
}
