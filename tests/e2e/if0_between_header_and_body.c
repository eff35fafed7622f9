/* Regression (a hostile review): `#if 0` text between an async header and
 * its body was read: a disabled `;` made the header a prototype ("'await'
 * outside an async function") and a disabled body was lowered. */
#include <asyncc.h>
#include <stdio.h>

static async int k(int n)
#if 0
;
#endif
{
    await ac_yield();
    return n;
}

static async int j(int n)
#if 0
{ return 0; }
#else
    __attribute__((unused))
#endif
{
    await ac_yield();
    return n + 1;
}

int main(void) {
    printf("%d %d\n", ac_wait(k(4)), ac_wait(j(4)));
    return ac_shutdown(1000) != 0;
}
