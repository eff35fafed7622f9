/* A #define between the declarators of a declaration whose second
 * initializer awaits: the await's operand would be written above the
 * directive ("'YV' undeclared").  Refused: a directive inside a statement
 * asyncc rewrites piece by piece. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(void) {
    int x = 1, y =
#define YV 7
        await one(YV);
    return x + y;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
