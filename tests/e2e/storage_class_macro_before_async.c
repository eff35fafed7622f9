/* A macro that expands to a storage class before `async` in a function's
 * header (zlib's `#define local static`) was left in front of the frame
 * struct (`local struct f__frame { ... };`: "useless storage class
 * specifier in empty declaration"), and the ramp lost its `static` (f got
 * external linkage: two files each defining a `local async int f` did not
 * link).  A name first in the declaration before `async` is now read as a
 * macro for a storage class or attributes and goes to the ramp, as one
 * next to a storage class did.  The static prototype after the definition
 * checks the linkage (after a definition with external linkage it is an
 * error).  Plain C prints 5. */
#include <asyncc.h>
#include <stdio.h>

#define local static

static async int one(int v) { await ac_yield(); return v; }

local async int f(int *p, int n) {
    n += await one(*p);
    return n;
}

static async int f(int *p, int n);

int main(void) {
    int x = 2;
    printf("%d\n", ac_wait(f(&x, 3)));
    return 0;
}
