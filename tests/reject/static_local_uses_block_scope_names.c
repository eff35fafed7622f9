/* Issue 14: a static local moves to file scope, where block-scope enum
 * constants, typedefs and locals are not visible ("'N' undeclared here").
 * Refused with the name it cannot see. */
#include <asyncc.h>

async int f(void) {
    enum { N = 4 };
    static int a[N];
    int buf[8];
    static int size = sizeof buf;
    await ac_yield();
    return a[0] + size;
}
