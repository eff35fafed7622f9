/* Regression: a macro that expands to a typedef name declares a local in
 * an async body, before and after an await, and the local lives across
 * another await. */
#include <asyncc.h>
#include <stdio.h>

typedef int myint;
typedef struct { int a, b; } pair;
#define MYINT myint
#define PAIR pair
#define UNSIGNED_LONG unsigned long

static async int f(int n) {
    MYINT before = n;
    await ac_yield();
    MYINT x = before + 1;
    PAIR p = {x, 2 * x};
    UNSIGNED_LONG big = 40;
    await ac_yield();
    return x + p.a + p.b + (int)big;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    ac_shutdown(0);
    return 0;
}
