/* A `return` written in a macro's body (the common BAIL_IF / TRY idiom) in an
 * async function: asyncc accepts the file but leaves the return as written,
 * so it returns an int from the run function, whose type is ac_future_int:
 *   gen.c: error: incompatible types when returning type 'int' but
 *          'ac_future_int' was expected            (gcc; clang likewise)
 * No rejection message either.  Plain C prints "-1 2 5". */
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
