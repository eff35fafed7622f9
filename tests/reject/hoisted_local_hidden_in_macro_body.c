/* The outer of two nested locals of one name, live across an await inside
 * the inner one's scope, where the inner hides it: it is renamed in the
 * generated code (the copy at that await must reach it), so a macro that
 * uses it in its body would reach the other one, or nothing.  Refused; the
 * inner one keeps its name (tests/e2e/macro_uses_hoisted_locals_kept_names.c). */
#include <asyncc.h>

#define BUMP_X() (x++)

async int f(void) {
    int x = 1;
    {
        int x = 10;
        await ac_yield();
        BUMP_X();
        x += 1;
    }
    await ac_yield();
    BUMP_X();
    return x;
}
