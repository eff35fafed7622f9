/* A macro made of _Pragma (as _Pragma itself, or a directive) inside a
 * statement that awaits: asyncc writes the code of the await before the
 * statement and the rest after it, so the pragma would not stay where it
 * is written.  Refused; between statements it is kept
 * (e2e/pragma_operator_before_rebuilt_loop). */
#include <asyncc.h>
#include <stdio.h>

#define PUSH _Pragma("GCC diagnostic push")

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int r = 0;
    r += await one(n) PUSH + 1;
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(5)));
    return 0;
}
