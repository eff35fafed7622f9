/* designated initializers whose values are awaits: .member, [index],
 * nested .a.b and [i].m designators, out-of-order designators, and the
 * implicit zero of members not named. */
#include <asyncc.h>
#include <stdio.h>

struct cfg { int port; int flags; struct { int lo, hi; } range; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    struct cfg c = {.range.hi = await val(9), .port = await val(8080)};
    printf("c %d %d %d %d\n", c.port, c.flags, c.range.lo, c.range.hi);
    int a[6] = {[4] = await val(4), [1] = await val(1), 2};
    printf("a %d %d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4], a[5]);
    struct cfg cs[3] = {[2].flags = await val(3), [0] = {.port = await val(1)}};
    printf("cs %d %d %d\n", cs[0].port, cs[2].flags, cs[1].port);
    int big[] = {[5] = await val(5)};
    printf("big %zu %d %d\n", sizeof big / sizeof big[0], big[0], big[5]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
