/* An enum constant named like a local with a cleanup attribute, and a local
 * named like its cleanup function, declared in inner blocks of its scope in a
 * function that awaits: the lowering calls done(&a) by name before each
 * return, where these names meant the other declarations (the output did not
 * compile).  Refused; found by a hostile tester.  The same names declared
 * outside the scope: tests/e2e/cleanup_names_outside_scope.c. */
#include <asyncc.h>
#include <stdio.h>
static void done(int *p) { printf("~%d\n", *p); }
static async int g(int n) {
    await ac_yield();
    {
        __attribute__((cleanup(done))) int a = n;
        { enum { a = 3 }; if (n > 1) return a; }
        { int done = 4; if (n > 2) return done; }
    }
    return 0;
}
int main(void) { printf("%d\n", ac_wait(g(5))); return 0; }
