/* await wherever an expression may stand; every awaited future suspends
 * (ac_yield first), so each position crosses a real suspension. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static int twice(int x) { return 2 * x; }

struct pair { int a, b; };

static async int positions(void) {
    int init = await val(1);                          /* initializer */
    printf("init %d\n", init);
    if (await val(1))                                 /* if condition */
        printf("if ok\n");
    int n = 0;
    while (await val(n) < 3)                          /* while condition */
        n++;
    printf("while %d\n", n);
    int d = 0;
    do d++; while (await val(d) < 4);                 /* do condition */
    printf("do %d\n", d);
    int sum = 0;
    for (int i = await val(0); i < await val(3); i += await val(1))
        sum += i;                                     /* for: all three */
    printf("for %d\n", sum);
    switch (await val(2)) {                           /* switch */
    case 1: printf("one\n"); break;
    case 2: printf("two\n"); break;
    }
    printf("arg %d\n", twice(await val(21)));         /* call argument */
    printf("ops %d\n", await val(6) * await val(7) - await val(2));
    int c = 10;
    c += await val(5);                                /* compound assignment */
    c -= await val(1);
    printf("compound %d\n", c);
    int arr[3] = {10, 20, 30};
    printf("index %d\n", arr[await val(2)]);          /* subscript */
    struct pair p = {3, 4};
    struct pair *pp = &p;
    pp->b = await val(9);                             /* member target */
    printf("member %d %d\n", p.a, p.b);
    printf("nested %d\n", await val(await val(8) + 1));
    return await val(100);                            /* return */
}

int main(void) {
    printf("result %d\n", ac_wait(positions()));
    return ac_shutdown(1000) != 0;
}
