/* Regression test (fixed): any __builtin_choose_expr in an async body (even one without an
 * await inside) stops the tool with
 *   asyncc: internal error at compiler/join.c:58: no libclang node for the
 *   name at FILE:LINE:COL ('__builtin_choose_expr')
 * (exit status 1).  It is a GNU builtin that gcc -std=c11 and clang accept
 * (glibc's <math.h> uses it).  Like _Generic, the unselected operand must
 * not be evaluated.  Expected output: 11 calls 1 */
#include <asyncc.h>
#include <stdio.h>

static int calls;
static async int val(int v) { calls++; await ac_yield(); return v; }

static async int run(void) {
    int x = __builtin_choose_expr(1, 10, 20) + await val(1);
    printf("%d calls %d\n", x, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
