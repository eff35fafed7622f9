/* Regression test (found by a hostile tester): the inner `x` lives in the
 * frame under an invented field name, x_2, which a macro of the file
 * replaced where the generated code spells the field ("expected
 * identifier before numeric constant").  An invented field name is never
 * a macro of the translation unit now: here it is x_4. */
#include <asyncc.h>
#include <stdio.h>
#define x_2 2
#define x_3 3
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    int x = 1;
    { int x = 10; x += await id(1); printf("%d\n", x); }
    x += await id(x_2);
    printf("%d %d\n", x, x_3);
    return 0;
}
