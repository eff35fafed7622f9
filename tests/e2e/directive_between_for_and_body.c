/* Regression test (fixed): a preprocessor conditional between a loop header and its unbraced
 * body, whose branches hold the awaiting statement, loses its `#if` line
 * in the generated code: the output has `#else`/`#endif` without `#if`
 * (gcc: "#else without #if", "#endif without #if").
 * Expected output: 3 */
#include <asyncc.h>
#include <stdio.h>

#define UP 1

static async int val(int v) { await ac_yield(); return v; }

static async int run(void) {
    int acc = 0;
    for (int i = 0; i < 3; i++)
#if UP
        acc += await val(i);
#else
        acc -= await val(i);
#endif
    return acc;
}

int main(void) {
    printf("%d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
