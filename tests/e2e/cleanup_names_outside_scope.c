/* A local with a cleanup attribute in a function that awaits, whose name
 * and cleanup function's name are declared again only outside its scope (an
 * enum constant before it, a local and a typedef after it): the lowering
 * calls done(&a) by name on each exit of the scope, where both names still
 * mean the local and the function.  (Declared again inside the scope, they
 * are refused: tests/reject/cleanup_name_shadowed_in_scope.) */
#include <asyncc.h>
#include <stdio.h>

static void done(int *p) { printf("~%d\n", *p); }
static async int g(int n) {
    { enum { a = 3 }; if (n < 0) return a; }
    await ac_yield();
    {
        __attribute__((cleanup(done))) int a = n;
        { enum { b = 2 }; if (n > 1) return a + b; }
    }
    { int done = 4; typedef int a; a x = done; return x; }
}
int main(void) { printf("%d\n", ac_wait(g(5))); return 0; }
