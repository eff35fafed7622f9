/* Regression test (fixed): an unbalanced '{' inside an `#if 0` group in an async body makes
 * the tool mis-scope the function: every later await is rejected with
 *   error: 'await' outside an async function
 * SPEC §1: text in `#if 0` blocks is left untouched (and the compiler
 * never sees it).  gcc/clang compile the plain equivalent.
 * Expected output: 5 */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) { await ac_yield(); return v; }

static async int run(void) {
#if 0
    old code {
#endif
    return await val(5);
}

int main(void) {
    printf("%d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
