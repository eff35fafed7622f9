/* Regression test (fixed): a parameter declared with function type, `int g(int)`, is adjusted
 * to a pointer to function (C11 6.7.6.3p8), but the frame declares it as a
 * function: "error: field 'g' declared as a function" (gcc), "field 'g'
 * declared as a function" (clang).  Expected output: 20 */
#include <asyncc.h>
#include <stdio.h>

static int twice(int x) { return 2 * x; }

static async int apply(int g(int), int v) {
    await ac_yield();
    return g(v) + g(v);
}

int main(void) {
    printf("%d\n", ac_wait(apply(twice, 5)));
    return ac_shutdown(1000) != 0;
}
