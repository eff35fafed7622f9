/* Regression test (issue 14): a local live across an await, used by a macro.
 * SHOW(x) after an await printed "ac__fr->x=5": the argument's text was
 * rewritten to the frame's field before the macro stringified it; a use in a
 * macro's own body (TWICE_X) was refused.  Hoisted locals are now plain locals
 * of the resume function too, copied back at each resume label, so a macro
 * sees the user's name in both. */
#include <asyncc.h>
#include <stdio.h>

#define SHOW(v) printf("%s=%d\n", #v, (v))
#define TWICE_X() (x * 2)
#define BUMP_X() (x++)

static async int f(int n) {
    int x = 5;
    await ac_yield();
    SHOW(x);
    BUMP_X();
    for (int i = 0; i < n; i++) {
        await ac_yield();
        SHOW(i);
        BUMP_X();
    }
    printf("twice=%d\n", TWICE_X());
    return x;
}

int main(void) {
    printf("%d\n", ac_wait(f(2)));
    return ac_shutdown(1000) != 0;
}
