/* A macro redefined between two awaits of one expression: the second
 * await's operand is hoisted above the #undef/#define, so it sees the old
 * definition.  Plain C prints 12; the generated program prints 11
 * (no diagnostic). */
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
