/* A struct type declared inside the function with a member named x (here in
 * a sibling block; anywhere in the function) made asyncc rename the local
 * x (ac__l_x), and then refuse the macro that uses it ("'x' lives across an
 * await under another name ... used inside a macro's body").  A member
 * hides no variable: the names of members declared in the function (from
 * libclang) no longer count, as `.x` and `->x` did not.  Plain C prints 9. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define TWICE_X (x * 2)

static async long f(int it) {
    long acc = 0;
    {
        long x = it * 3;
        acc += await one(it) + TWICE_X;
    }
    {
        struct { int x; } s = { 1 };
        acc += await one(s.x) + s.x;
    }
    return acc;
}

int main(void) {
    printf("%ld\n", ac_wait(f(1)));
    return 0;
}
