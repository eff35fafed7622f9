/* Does not compile: the inner `x` is renamed in the frame to `x_2`, and
 * the names the tool invents are not checked against the file's macros
 * ("expected identifier before numeric constant").  Plain C prints 11, 2. */
#include <asyncc.h>
#include <stdio.h>
#define x_2 2
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    int x = 1;
    { int x = 10; x += await id(1); printf("%d\n", x); }
    x += await id(2);
    printf("%d\n", x);
    return 0;
}
