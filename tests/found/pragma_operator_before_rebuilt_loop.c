/* A loop pragma written with the _Pragma operator (C99 6.10.9) before a
 * loop that asyncc rewrites stays in front of the rewritten code, which is
 * no longer a loop statement: gcc "for, while or do statement expected
 * before '{' token", clang "expected a for, while, or do-while loop to
 * follow '#pragma unroll'".  Here the loop's condition does not even await:
 * its induction variable is live across the await in the body, so the loop
 * becomes `{ int i = 0; for (; i < n; i++) {`.  The #pragma form is dropped
 * (tests/e2e/loop_pragma_before_rebuilt_loop.c), but not when spelled with
 * two spaces or a comment between its words (`#pragma GCC  unroll 2`,
 * `#  pragma   GCC   unroll   4`): the same errors.  A macro that expands
 * to it (`#define UNROLL _Pragma("GCC unroll 4")`) is refused instead:
 * "expected ';' before 'while'".  Plain C prints 10. */
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

int main(void) {
    printf("%d\n", ac_wait(f(5)));
    return 0;
}
