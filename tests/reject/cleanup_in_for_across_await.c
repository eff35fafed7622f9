/* A local with a cleanup attribute and an await in its scope loses the
 * attribute and its cleanup is called on each exit of its block
 * (tests/e2e/cleanup_across_await.c); one declared in a for statement has
 * no block of its own there.  Refused. */
#include <asyncc.h>

void done(int *p);

async int f(int n) {
    for (__attribute__((cleanup(done))) int i = 0; i < n; i++)
        await ac_yield();
    return n;
}
