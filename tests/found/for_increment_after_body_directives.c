/* A for loop whose increment awaits is rebuilt with its increment at the
 * end of the body: a macro the body redefines (#undef/#define STEP) is then
 * expanded with the new definition.  In C the increment is read before the
 * body (STEP is 1 there).  Plain C prints 45; the generated program 18
 * (no diagnostic). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define STEP 1

static async int f(int n) {
    int r = 0;
    for (int i = 0; i < n; i += await one(STEP)) {
        r += i;
#undef STEP
#define STEP 3
    }
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(10)));
    return 0;
}
