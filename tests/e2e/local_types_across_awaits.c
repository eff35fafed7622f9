/* Regression tests (issues 11 and 14): locals whose type is declared inside
 * the async function, live across an await.  Two functions each with a local
 * `struct pt` gave "redefinition of 'struct pt'" (the frame repeated the
 * definition at file scope); two declarators of one anonymous struct became
 * two incompatible types; `__typeof__(s1) s2` gave "expected '{' before '('";
 * a block-scope typedef and a tag declared apart from the variable were
 * refused.  Such a local's frame field is bytes now, copied at suspensions. */
#include <asyncc.h>
#include <stdio.h>

static async int one(void) { await ac_yield(); return 1; }

static async int pts1(void) {
    struct pt { int x, y; } s = {1, 2};
    await ac_yield();
    return s.x + s.y;
}

static async int pts2(void) {
    struct pt { long x; } s = {5};
    await ac_yield();
    return (int)s.x;
}

static async int two_declarators(void) {
    struct { int a; } s1 = {1}, s2 = {2};
    await ac_yield();
    s1 = s2;
    return s1.a;
}

static async int typeof_of_anonymous(void) {
    struct { int a; } s1 = {3};
    __typeof__(s1) s2 = {4};
    await ac_yield();
    s1 = s2;
    return s1.a;
}

static async int tag_apart(void) {
    struct T { int a; };
    struct T t1 = {await one()};
    struct T t2 = {2};
    await ac_yield();
    return t1.a + t2.a;
}

static async int block_typedef(void) {
    typedef int myint;
    typedef struct { myint v[3]; } triple;
    myint v = 9;
    triple t = {{1, 2, 3}};
    await ac_yield();
    return v + t.v[2];
}

static async int local_enum(void) {
    enum color { RED = 1, GREEN = 4 } c = GREEN;
    await ac_yield();
    return c + RED;
}

int main(void) {
    printf("%d %d %d %d\n", ac_wait(pts1()), ac_wait(pts2()), ac_wait(two_declarators()),
           ac_wait(typeof_of_anonymous()));
    printf("%d %d %d\n", ac_wait(tag_apart()), ac_wait(block_typedef()), ac_wait(local_enum()));
    return ac_shutdown(1000) != 0;
}
