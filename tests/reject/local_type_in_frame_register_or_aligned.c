/* A local whose type is declared inside the async function and that stays
 * a frame field (here: const) is reached through a typedef repeating its
 * declaration, which can say neither 'register' nor '_Alignas'. */
#include <asyncc.h>

ac_future(int) one(void);

async int f(void) {
    struct pt { int x; };
    register const struct pt p = {1};
    await one();
    return p.x;
}

async int g(void) {
    typedef int myint;
    _Alignas(8) const myint q = 2;
    await one();
    return q;
}
