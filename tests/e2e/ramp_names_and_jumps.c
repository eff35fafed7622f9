/* What a ramp with plain locals must get right when it copies them into
 * the frame at its first suspension (found by an adversarial review):
 * a hoisted local whose name something else takes inside the function (an
 * enum constant, a block-scope extern, a typedef, a block-scope function
 * declaration) is copied, not the other thing; a local declared before a
 * switch's first case, or whose initializer a goto skips, is copied
 * without an invalid load (_Bool, enum); an _Atomic local without
 * initializer; a user local named like a numbered frame field (x_2); a
 * function-like macro named like a static async callee is expanded, not
 * bypassed by the embedding of callee frames.  Each function runs once per
 * await, suspending for real at that await only. */
#include <asyncc.h>
#include <stdio.h>
#include "suspend_each.h"

static async int one(int v) {
    if (++seen == stop_at)
        await ac_yield();
    return v;
}

int x_global = 900;
static int fn_x(void) { return 9; }

static async int hidden(int k) {
    int x = k;
    x += await one(1);
    { enum { x = 100 }; k += await one(x); }
    { extern int x_global; k += await one(x_global - 900); }
    { typedef int x; x y = await one(7); k += y; }
    return x * 1000 + k;
}

static async int hidden_extern(int k) {
    int x_global = k;
    x_global += await one(1);
    { extern int x_global; k += await one(x_global); }
    return x_global * 10000 + k;
}

static async int hidden_fn(int k) {
    int fn_x = k;
    fn_x += await one(1);
    { int fn_x(void); k += await one(fn_x()); }
    return fn_x * 100 + k;
}

enum color { RED = 1, BLUE = 2 };
static async int switch_prefix(int k) {
    switch (k) {
        _Bool b;
        enum color c;
        int n;
    case 1:
        await one(0);
        b = 1; c = BLUE; n = 5;
        await one(0);
        return b + c + n;
    }
    return 0;
}

static async int goto_past_init(int k) {
    if (k)
        goto inside;
    {
        _Bool b = 1;
        enum color c = RED;
    inside:
        await one(0);
        b = 0; c = BLUE;
        await one(0);
        return b + c;
    }
}

static async int atomic_late(int n) {
    _Atomic int at;
    int t = 0;
    for (int i = 0; i < n; i++) {
        t += await one(i);
        at = i;
        t += at;
    }
    return t;
}

static async int field_names(int k) {
    int x_2 = 40;
    int x = k;
    {
        int x = 2;
        x += await one(1);
        x_2 += x;
    }
    return x * 100 + x_2;
}

static async int callee(int a) { await ac_yield(); return a; }
static async int other(int a) { await ac_yield(); return a * 100; }
#define callee(a) other(a)
static async int via_macro(int k) {
    await one(0);
    int t = await (callee)(1);   /* the function itself */
    return t + await callee(k);  /* the macro: other(k) */
}

static long call_hidden(void) { return ac_wait(hidden(3)); }
static long call_hidden_extern(void) { return ac_wait(hidden_extern(3)); }
static long call_hidden_fn(void) { return ac_wait(hidden_fn(3)); }
static long call_switch_prefix(void) { return ac_wait(switch_prefix(1)); }
static long call_goto(void) { return ac_wait(goto_past_init(1)); }
static long call_atomic(void) { return ac_wait(atomic_late(4)); }
static long call_fields(void) { return ac_wait(field_names(5)); }
static long call_macro(void) { return ac_wait(via_macro(7)); }

int main(void) {
    run_each("hidden", 4, call_hidden);
    run_each("hidden_extern", 2, call_hidden_extern);
    run_each("hidden_fn", 2, call_hidden_fn);
    run_each("switch_prefix", 2, call_switch_prefix);
    run_each("goto_past_init", 2, call_goto);
    run_each("atomic_late", 4, call_atomic);
    run_each("field_names", 1, call_fields);
    run_each("via_macro", 2, call_macro);
    return ac_shutdown(1000) != 0;
}
