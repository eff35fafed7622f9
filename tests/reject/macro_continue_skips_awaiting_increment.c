/* A `continue` written in a macro's body, of a for loop whose increment
 * awaits: the lowering rebuilds the loop with the increment at the end of its
 * body and rewrites each continue written in the function into a goto to it;
 * this one has no text to rewrite, and as written it would skip the
 * increment (the program hung).  Refused; found by a hostile tester.  The
 * neighbours that work: tests/e2e/macro_jumps_lowered.c. */
#include <asyncc.h>
#include <stdio.h>

#define SKIP_IF(c) if (c) continue

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int t = 0;
    for (int i = 0; i < n; i = await one(i + 1)) {
        SKIP_IF(i == 1);
        t += i;
    }
    return t;
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return 0;
}
