/* Issue 11: a declaration that defines a type for several locals, or whose
 * initializer uses what it defines, with an await in an initializer.  The
 * type comes first, as a typedef of the declaration's specifiers, then one
 * declaration per declarator after its awaits: the struct is defined once,
 * and the enum constants exist before the await that uses them.  In loops,
 * nested blocks, with an early return, in the frame and as copied locals. */
#include <asyncc.h>
#include <stdio.h>

static async int one(void) { await ac_yield(); return 1; }
static async int id(int x) { await ac_yield(); return x; }

static async int several(int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        struct T { int a; } t1 = {await one()}, t2 = {i}, *p = &t2;
        await ac_yield();
        struct T u = {t1.a + p->a};              /* the tag is known after it */
        total += u.a * 10 + p->a;
    }
    return total;
}

static async int enum_used(int pick) {
    enum { A = 1, B, C = 7 } e = await id(pick ? B : C);
    await ac_yield();
    if (e == C)
        return -C;                               /* an early return */
    return e + A;
}

static async int several_in_frame(void) {
    int seen = 0;
    int *q = &seen;                              /* the frame is allocated on entry */
    struct { int v; } a = {await id(3)}, b = {4};
    {
        enum { X = 5, Y } k = await id(Y), m = X;
        *q += k + m;
    }
    await ac_yield();
    return a.v * 100 + b.v * 10 + seen;
}

static async int const_pair(void) {
    const struct P { int x, y; } c = {await id(2), 3}, d = {c.y, c.x};
    await ac_yield();
    return c.x * 1000 + c.y * 100 + d.x * 10 + d.y;
}

int main(void) {
    printf("%d %d\n", ac_wait(several(0)), ac_wait(several(3)));
    printf("%d %d\n", ac_wait(enum_used(1)), ac_wait(enum_used(0)));
    printf("%d %d\n", ac_wait(several_in_frame()), ac_wait(const_pair()));
    return ac_shutdown(1000) != 0;
}
