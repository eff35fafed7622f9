/* An await before typeof, into a local that typeof (directly, or through a
 * macro) then names: the form to use where an await inside typeof is
 * refused (tests/reject/await_in_typeof_declaration). */
#include <asyncc.h>
#include <stdio.h>
static async int one(int v) { await ac_yield(); return v; }
#define CHECK(e) ({ __typeof__(e) c_ = (e); c_ < 0 ? 0 : c_; })
static async int f(int a) {
    int v = await one(a);
    return CHECK(v);
}
static async int g(int a) {
    int v = await one(a);
    __typeof__(v) z = v + 3;
    return z;
}
int main(void) {
    printf("%d %d %d\n", ac_wait(f(-2)), ac_wait(f(4)), ac_wait(g(1)));
    return 0;
}
