/* The lowering calls a cleanup as f(&x) on each exit of x's scope, also
 * from inner blocks: another local x declared there would be the one the
 * call names (the wrong variable was cleaned up).  Refused (found by a
 * hostile tester). */
#include <asyncc.h>

static void done(int *p) { (void)p; }

async int f(int n) {
    __attribute__((cleanup(done))) int a = 1;
    await ac_yield();
    while (n-- > 0) {
        int a = n;
        if (a == 2)
            break;
    }
    return a;
}
