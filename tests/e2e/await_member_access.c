/* member access on awaited structs and struct pointers: (await f()).x,
 * (await g())->y, nested members, arrays inside awaited structs, and
 * assignment through a member of an awaited pointer. */
#include <asyncc.h>
#include <stdio.h>

struct inner { int k; char tag[4]; };
struct outer { int x; struct inner in; double arr[3]; };

static async struct outer make(int x) {
    await ac_yield();
    struct outer o = {x, {x * 2, "ab"}, {0.5, 1.5, 2.5}};
    return o;
}

static async struct outer *point_to(struct outer *o) {
    await ac_yield();
    return o;
}

static async int run(void) {
    printf("x %d\n", (await make(3)).x);
    printf("k %d\n", (await make(4)).in.k);
    printf("tag %c\n", (await make(5)).in.tag[1]);
    printf("arr %.1f\n", (await make(6)).arr[2]);
    struct outer o = await make(1);
    (await point_to(&o))->x = 77;
    (await point_to(&o))->in.k += 5;
    printf("o %d %d\n", o.x, o.in.k);
    printf("ptr member %d\n", (await make(2)).x * (await point_to(&o))->in.k);
    int sum = (await make(10)).x + (await make(20)).in.k;
    printf("sum %d\n", sum);
    return o.x;
}

int main(void) {
    printf("ret %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
