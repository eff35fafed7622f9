/* The ramp keeps hoisted locals in plain locals and copies them into the
 * frame at its first real suspension.  Every function below is run once
 * per await it has, suspending for real at that await only (and at none),
 * so that the copy is exercised at each point; the results must not
 * depend on where the ramp stopped.  Covers: a local shadowed by an inner
 * one of the same name at the await, a parameter shadowed likewise, const,
 * register, volatile and _Atomic locals, an anonymous struct, arrays used
 * by subscript only (one volatile), a local declared without initializer
 * and assigned after the await in a loop, and temporaries spilled across a
 * suspension. */
#include <asyncc.h>
#include <stdio.h>
#include "suspend_each.h"


static async int val(int v) {
    if (++seen == stop_at)
        await ac_yield();
    return v;
}

static async int shadowed(int p) {
    int x = 10;
    {
        int x = 20;          /* not live across: the inner x hides the outer */
        x += await val(1);
        p += x;
    }
    {
        int p = 5;           /* hides the parameter at this await */
        x += await val(p);
    }
    return x * 1000 + p;
}

static async int qualified(int n) {
    const int c = n * 3;
    register int r = n + 1;
    struct { int a; short b; } s = {n, 7};
    int sq[3];
    sq[0] = n; sq[1] = n * n; sq[2] = -n;
    int got = await val(c);
    got += await val(r);
    s.b += (short)await val(s.a);
    return got + c + r + s.a + s.b + sq[0] + sq[1] + sq[2];
}

static async int qualifiers(int n) {
    volatile int v = n;
    _Atomic int at = n + 1;
    const volatile long cv = 7;
    volatile char buf[3];
    buf[0] = 'x'; buf[1] = (char)n; buf[2] = 0;
    int got = await val(v);
    got += await val(at);
    at += 10;
    got += await val((int)cv);
    return got + v + at + (int)cv + buf[0] + buf[1];
}

static async long loop_late_init(int n) {
    long last;               /* no initializer: assigned after the await */
    long sum = 0;
    for (int i = 0; i < n; i++) {
        sum += await val(i);
        last = i * 10;
        sum += last;
    }
    return sum;
}

static async int spills(int a) {
    return a + await val(1) * 100 + await val(2) * 10 + await val(3);
}

static long call_shadowed(void) { return ac_wait(shadowed(2)); }
static long call_qualified(void) { return ac_wait(qualified(4)); }
static long call_loop(void) { return ac_wait(loop_late_init(5)); }
static long call_qualifiers(void) { return ac_wait(qualifiers(5)); }
static long call_spills(void) { return ac_wait(spills(4000)); }

int main(void) {
    run_each("shadowed", 2, call_shadowed);
    run_each("qualified", 3, call_qualified);
    run_each("loop_late_init", 5, call_loop);
    run_each("qualifiers", 3, call_qualifiers);
    run_each("spills", 3, call_spills);
    return ac_shutdown(1000) != 0;
}
