/* A conditional group inside a declaration that awaits, after the await:
 * the output kept the #ifndef and lost the #endif ("unterminated
 * #ifndef").  Refused: a directive inside a statement asyncc rewrites
 * piece by piece (a group inside an initializer without await is kept:
 * e2e/directives_in_statements_kept). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int r = await one(n)
#ifndef EXTRA
        + 100
#endif
        ;
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
