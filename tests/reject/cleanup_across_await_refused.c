/* A local with a cleanup attribute and an await in its scope loses the
 * attribute and its cleanup is called on each exit of its block
 * (tests/e2e/cleanup_across_await.c).  Refused: one declared in a for
 * statement (no block of its own in the generated code), and a jump out of
 * a statement expression without an await in its scope (copied as written,
 * it would skip the call). */
#include <asyncc.h>

void done(int *p);

async int f(int n) {
    for (__attribute__((cleanup(done))) int i = 0; i < n; i++)
        await ac_yield();
    return n;
}

async int g(int n) {
    while (n > 0) {
        __attribute__((cleanup(done))) int k = n--;
        await ac_yield();
        int m = ({ if (k == 3) break; for (;;) break; k; });
        n -= m;
    }
    return n;
}
