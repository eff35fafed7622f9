/* Regression test (issue 14): `async const int g(int)` generated a future of
 * `const int`, whose value the generated code could not assign ("assignment
 * of read-only member").  A function's result is never qualified (C17
 * 6.7.6.3p5): it completes an ac_future_int. */
#include <asyncc.h>
#include <stdio.h>

static async const int g(int x);

static async const int g(int x) {
    await ac_yield();
    return x + 1;
}

static async volatile long h(void) {
    return 5;
}

int main(void) {
    ac_future(const int) f = g(41);
    printf("%d %ld\n", ac_wait(f), ac_wait(h()));
    return ac_shutdown(1000) != 0;
}
