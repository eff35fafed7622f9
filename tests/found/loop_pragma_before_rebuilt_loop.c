/* A loop pragma (#pragma GCC unroll N, #pragma GCC ivdep; clang: #pragma unroll)
 * before a loop whose condition or increment awaits: asyncc rebuilds the
 * loop as `{ ... for (;;) ... }`, so the pragma is followed by a brace, not by
 * the loop, or by a loop without a condition:
 *   gcc: error: for, while or do statement expected before '{' token
 *   gcc: error: missing loop condition in loop with 'GCC unroll' pragma before ';' token
 *   clang-19 (#pragma unroll 2 / #pragma clang loop ...): error: expected a for,
 *   while, or do-while loop to follow '#pragma unroll'
 * asyncc gives no diagnostic; plain C compiles (gcc -Wall -Wextra) and prints 10 101 111. */
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
    return t;
}

int main(void) { printf("%d\n", ac_wait(f(5))); return 0; }
