/* A local whose type is declared inside the async function and that stays
 * a frame field (here: the frame is allocated on entry, the address of a
 * local being taken) is reached through a typedef repeating its
 * declaration, which can say neither 'register' nor '_Alignas'.  (A copied
 * one needs no typedef: tests/e2e/const_locals_copied.c.) */
#include <asyncc.h>

ac_future(int) one(void);
void keep(int *p);

async int f(void) {
    struct pt { int x; };
    register struct pt p = {1};
    int z = 0;
    keep(&z);
    await one();
    return p.x + z;
}

async int g(void) {
    typedef int myint;
    _Alignas(8) const myint q = 2;
    int z = 0;
    keep(&z);
    await one();
    return q + z;
}
