/* awaits nested inside calls nested inside awaits: f(g(await h()),
 * await k(await m())), async calls as arguments of async calls, and a
 * plain call whose every argument is awaited. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int add(int a, int b) {
    await ac_yield();
    return a + b;
}

static int mul(int a, int b) { return a * b; }
static int neg(int a) { return -a; }
static int sum4(int a, int b, int c, int d) { return a + b + c + d; }

static async int run(void) {
    printf("a %d\n", mul(neg(await val(3)), await add(await val(1), await val(2))));
    printf("b %d\n", await add(await add(await val(1), 2), await add(3, await val(4))));
    printf("c %d\n", sum4(await val(1), await val(10), await val(100), await val(1000)));
    printf("d %d\n", await val(await val(await val(await val(5) + 1) * 2) - 3));
    printf("e %d\n", neg(neg(neg(await add(mul(2, await val(3)), 1)))));
    return calls;
}

int main(void) {
    printf("calls %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
