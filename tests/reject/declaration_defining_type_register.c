/* Issue 14 gave "redefinition of 'struct T'" for an await in a declaration
 * that defines a type for several locals, and "'B' undeclared" for one whose
 * initializer uses an enum constant of the same declaration.  Those lower
 * now (tests/e2e/await_in_declaration_defining_type.c): the type comes
 * first, as a typedef of the specifiers, which cannot say 'register' or
 * carry an alignment.  Refused. */
#include <asyncc.h>

ac_future(int) one(void);
ac_future(int) id(int x);

async int f(void) {
    register struct T { int a; } t1 = {await one()}, t2 = {2};
    return t1.a + t2.a;
}

async int g(void) {
    _Alignas(8) enum { A = 1, B } e = await id(B);
    return e + A;
}
