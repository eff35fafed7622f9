/* Regression test (fixed): a local declared with __typeof__(expr) or __auto_type that lives
 * across an await gets a frame member spelled from libclang's sugared
 * type, e.g.
 *   __typeof__(typeof (pt.x)) y;   __typeof__(typeof (&pt)) pp;
 *   __typeof__(typeof(int)) z;   (for __auto_type z = ...)
 * in the file-scope frame struct: `typeof` is not a keyword under
 * gcc -std=c11 ("implicit declaration of function 'typeof'") and `pt` is
 * not in scope there ("'pt' undeclared here (not in a function)").  The
 * input is valid GNU C accepted by gcc -std=c11 and clang.  The frame
 * should use the canonical type (int, struct P *).
 * Expected output: 5 2 7 */
#include <asyncc.h>
#include <stdio.h>

struct P { int x, y; };

static async int val(int v) { await ac_yield(); return v; }

static async int run(void) {
    struct P pt = {1, 2};
    __typeof__(pt.x) y = await val(5);
    __typeof__(&pt) pp = &pt;
    __auto_type z = await val(7);
    await ac_yield();
    printf("%d %d %d\n", y, pp->y, z);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
