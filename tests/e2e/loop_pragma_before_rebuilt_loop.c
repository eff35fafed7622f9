/* A loop pragma (#pragma GCC unroll N, #pragma GCC ivdep) before a loop whose
 * condition or increment awaits: the lowering rebuilds such a loop as
 * `{ ... for (;;) ... }`, which the pragma cannot precede (gcc: "for, while
 * or do statement expected"; clang likewise), so the pragma goes: a loop that
 * suspends is neither unrolled nor vectorised.  Found by a hostile tester.
 * Before a loop that is not rebuilt, the pragma stays. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int t = 0;
#pragma GCC unroll 2
    for (int i = 0; i < await one(n); i++) t += i;
    printf("%d ", t);
#pragma GCC unroll 2
    while (t < await one(100)) t += 7;
    printf("%d ", t);
#pragma GCC ivdep
    for (int i = 0; i < n; i = await one(i + 1)) t += i;
#pragma GCC unroll 4
    for (int i = 0; i < n; i++) t += i;
    return t;
}

int main(void) { printf("%d\n", ac_wait(f(5))); return 0; }
