/* A macro that expands to a storage class before `async` in a function's
 * header (zlib's `#define local static`) is left in front of the frame
 * struct: `local struct f__frame { ... };`.  gcc: "useless storage class
 * specifier in empty declaration", clang "'static' ignored on this
 * declaration [-Wmissing-declarations]" (-Werror: the output does not
 * compile);
 * and the function itself loses its `static`: its prototype and ramp are
 * printed without it (`ac_future_int f(int *p, int n);`), so f gets
 * external linkage (two files that each define a `local async int f`
 * no longer link: "multiple definition of `f'").  Attribute macros in that
 * place go to the ramp since 6c47c47; a storage-class macro does not.
 * Plain C prints 5. */
#include <asyncc.h>
#include <stdio.h>

#define local static

static async int one(int v) { await ac_yield(); return v; }

local async int f(int *p, int n) {
    n += await one(*p);
    return n;
}

int main(void) {
    int x = 2;
    printf("%d\n", ac_wait(f(&x, 3)));
    return 0;
}
