/* A local named like a typedef that the AC__AWAIT macro's expansion uses
 * (int64_t, uint64_t, uintptr_t: AC__AWAIT_SUSPENDS casts with them) in
 * scope at an await: the cast becomes a call of the local, and the output
 * does not compile ("called object 'uint64_t' is not a function or
 * function pointer").  Plain C (the local hides the typedef, which the
 * function does not use) prints 7.  Contrived, but valid. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int uint64_t = 3;
    n += await one(3);
    return n + uint64_t;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
