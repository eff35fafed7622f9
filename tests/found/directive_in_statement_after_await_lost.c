/* A conditional group that is compiled, inside a statement holding an
 * await, after the await: the generated code keeps the #ifndef but drops
 * the #endif (its line is left blank), so the output does not compile:
 * "unterminated #ifndef" (gcc), "unterminated conditional directive"
 * (clang).  The same with `r += n\n#if 1\n + await one(4)\n#endif\n;`.
 * Plain C prints 101. */
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
