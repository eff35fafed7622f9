#include <asyncc.h>

#define SHIFT_IN(a, b, expr) do { (a) = (b); (b) = (expr); } while (0)

ac_future(int) fetch(void);

async int f(void) {
    int y = 1, z = 0;
    SHIFT_IN(z, y, await fetch());
    return y + z;
}
