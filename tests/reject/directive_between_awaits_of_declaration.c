/* A macro redefined between two awaits of one expression: the lowering
 * writes the code of each await before the statement, so the second
 * operand would be read above the #undef/#define (plain C prints 12; the
 * output printed 11).  Refused: a directive inside a statement asyncc
 * rewrites piece by piece.  Directives it copies whole are kept
 * (e2e/directives_in_statements_kept). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
static int add(int a, int b) { return a * 10 + b; }
#define A 1

static async int f(void) {
    int r = add(await one(A),
#undef A
#define A 2
                await one(A));
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
