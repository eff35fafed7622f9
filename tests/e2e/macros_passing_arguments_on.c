/* Macros that pass their argument on to another macro.  A local kept
 * across an await under its own name (a plain local of the generated
 * code) may be stringified through a second macro (XSTR): it prints "x".
 * In a frame allocated on entry (&k), where x is the field ac__fr->x, a
 * macro chain that only evaluates its argument (TWICE -> ADD) is fine;
 * one that stringifies or pastes it is refused
 * (reject/nested_stringify_frame_field, nested_paste_renamed_local). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define STR(a) #a
#define XSTR(a) STR(a)
#define SHOW(v) printf("%s=%d\n", XSTR(v), (v))
#define ADD(a, b) ((a) + (b))
#define TWICE(v) ADD(v, v)

static async int shown(int k) {
    int x = k;
    x += await one(1);
    SHOW(x);
    return x;
}

static async int in_frame(int k) {
    int x = k;
    int *p = &k;
    x += await one(1);
    return TWICE(x) + *p;
}

int main(void) {
    printf("%d\n", ac_wait(shown(1)));
    printf("%d\n", ac_wait(in_frame(1)));
    return 0;
}
