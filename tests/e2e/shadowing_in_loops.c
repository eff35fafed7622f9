/* block scoping and shadowing across awaits in loops: each iteration's
 * block-scoped variable starts fresh, an inner variable shadows an outer
 * one of the same name (and a different type) only inside its block, and
 * the outer one keeps its value across the inner awaits. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int x = 1;
    double y = 0.5;
    for (int i = 0; i < 3; i++) {
        int fresh = 0;                     /* re-initialized every iteration */
        fresh += await val(i);
        int x = await val(100 + i);        /* shadows the outer x */
        {
            double x = y * await val(4);   /* shadows again, another type */
            printf("inner x %.1f\n", x);
        }
        printf("loop x %d fresh %d\n", x, fresh);
    }
    printf("outer x %d\n", x);
    for (int x = 10; x < 12; x++) {        /* the for's own x */
        await ac_yield();
        printf("for x %d\n", x);
    }
    int i = 7;
    while (i < 9) {
        int i2 = i;
        {
            int i = await val(i2 * 2);     /* initializer reads i2, not itself */
            printf("shadow i %d\n", i);
        }
        i++;
    }
    printf("outer x %d i %d y %.1f\n", x, i, y);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
