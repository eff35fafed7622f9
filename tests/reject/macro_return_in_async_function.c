/* A `return` written in a macro's body (the BAIL_IF / TRY idiom) in an async
 * function: the lowering makes each return written in the function complete
 * the task; this one has no text to rewrite and would return an int from the
 * generated function (whose output did not compile).  Refused; found by a
 * hostile tester.  Such a macro in a plain function of the file is fine:
 * tests/e2e/macro_jumps_lowered.c. */
#include <asyncc.h>
#include <stdio.h>
#define BAIL_IF(c, v) do { if (c) return (v); } while (0)
static async int one(int v) { await ac_yield(); return v; }
static async int f(int n) {
    BAIL_IF(n < 0, -1);
    int x = await one(n);
    BAIL_IF(x > 5, 5);
    return x;
}
int main(void) { printf("%d %d %d\n", ac_wait(f(-3)), ac_wait(f(2)), ac_wait(f(9))); return 0; }
