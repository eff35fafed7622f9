/* A loop pragma written with the _Pragma operator (C99 6.10.9), or as
 * #pragma with extra blanks or comments between its words, before a loop
 * that asyncc rebuilds stayed in front of the rebuilt code, which is no
 * longer a loop statement: gcc "for, while or do statement expected before
 * '{' token", clang "expected a for, while, or do-while loop to follow
 * '#pragma unroll'".  Each goes, as the plain #pragma does
 * (e2e/loop_pragma_before_rebuilt_loop).  In f the loop's condition does
 * not await: its induction variable is live across the await in the body,
 * so the loop becomes `{ int i = 0; for (; i < n; i++) {`.  Plain C prints
 * 10, 10, 10.  A macro made of _Pragma (UNROLL) was refused with a syntax
 * error ("expected ';' before 'for'"): the grammar skips it as it skips
 * _Pragma, and a loop pragma one before a rebuilt loop goes too (another
 * pragma, PUSH/POP, stays). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int r = 0;
    _Pragma("GCC unroll 2")
    for (int i = 0; i < n; i++)
        r += await one(i);
    return r;
}

#define UNROLL _Pragma("GCC unroll 4")
#define PUSH _Pragma("GCC diagnostic push")
#define POP _Pragma("GCC diagnostic pop")

static async int h(int n) {
    int r = 0;
    PUSH
    UNROLL
    for (int i = 0; i < n; i++)
        r += await one(i);
    POP
    UNROLL
    for (int i = 0; i < n; i++)
        r += i - i;
    return r;
}

static async int g(int n) {
    int r = 0;
#pragma GCC  unroll 2
    for (int i = 0; i < n; i++)
        r += await one(i);
#  pragma   GCC   /* four */ unroll   4
    for (int i = 0; i < n; i++)
        r -= await one(i);
    _Pragma("GCC  unroll 2") _Pragma("GCC ivdep")
    for (int i = 0; i < n; i++)
        r += await one(i);
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(5)));
    printf("%d\n", ac_wait(g(5)));
    printf("%d\n", ac_wait(h(5)));
    return 0;
}
