/* Issue 14: an await in a declaration that defines a type for several
 * locals gave "redefinition of 'struct T'" (the declaration is split, one per
 * declarator); one whose operand uses an enum constant of the same declaration
 * gave "'B' undeclared" (the await runs before the declaration).  Refused. */
#include <asyncc.h>

ac_future(int) one(void);
ac_future(int) id(int x);

async int f(void) {
    struct T { int a; } t1 = {await one()}, t2 = {2};
    return t1.a + t2.a;
}

async int g(void) {
    enum { A = 1, B } e = await id(B);
    return e + A;
}
