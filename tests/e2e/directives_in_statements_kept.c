/* Preprocessing directives where the lowering copies the text whole: in
 * the initializer of a local kept across an await, in a return's operand
 * without await, in a statement without await that uses a kept local, in
 * the body of a for loop whose increment awaits (a conditional group: no
 * macro changes), and a #define in the body of a loop whose condition
 * awaits (C reads the condition before the body too).  A directive inside
 * a statement asyncc rewrites piece by piece is refused
 * (reject/directive_between_awaits_of_declaration). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define STEP 1

static async int f(int n) {
    int x = n +
#ifndef NOT_DEFINED
        10
#else
        20
#endif
        + 0;
    await one(1);
    x += 2
#if STEP == 1
        * 3
#endif
        ;
    int r = 0;
    for (int i = 0; i < n; i += await one(STEP)) {
#ifdef STEP
        r += i;
#endif
    }
    int k = 0;
    while (await one(k) < 3) {
#undef STEP
#define STEP 2
        k += STEP;
    }
    return x + r + k *
#if 1
        100
#endif
        + 0;
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return 0;
}
