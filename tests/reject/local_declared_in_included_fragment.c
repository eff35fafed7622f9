/* A local declared in a file #included inside an async body
 * (local_declared_in_included_fragment.inc holds `int counter = n * 100;`)
 * and live across an await was neither kept in the frame nor refused:
 * after the suspension it held garbage (plain C prints 101).  The tree
 * never sees included text, so an #include in a function that awaits is
 * refused. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
#include "local_declared_in_included_fragment.inc"
    await one(1);
    return counter + n;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
