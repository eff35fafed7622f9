/* Regression test (found by a hostile tester): locals named like the
 * typedefs the budget's macros used (uint64_t, int64_t, uintptr_t) in
 * scope at an await turned their casts into calls of the locals, and the
 * output did not compile.  The macros now name the types by the
 * compilers' predefined __UINT64_TYPE__ and the like. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int uint64_t = 3, int64_t = 4, uintptr_t = 5;
    n += await one(3);
    n += await one(n);
    return n + uint64_t + int64_t + uintptr_t;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return ac_shutdown(1000) != 0;
}
