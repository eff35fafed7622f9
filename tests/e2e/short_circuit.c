/* &&, ||, ?: and , evaluate (and await) their right side only when C says
 * so; each operand exactly once. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int check(void) {
    calls = 0;
    int a = 0 && await val(1);
    printf("0 && await: %d, calls %d\n", a, calls);
    int b = 1 && await val(2);
    printf("1 && await: %d, calls %d\n", b, calls);
    int c = 1 || await val(0);
    printf("1 || await: %d, calls %d\n", c, calls);
    int d = 0 || await val(0);
    printf("0 || await: %d, calls %d\n", d, calls);
    int e = calls > 100 ? await val(5) : await val(6);
    printf("?: %d, calls %d\n", e, calls);
    int f = (calls++, await val(7));
    printf("comma %d, calls %d\n", f, calls);
    int g = await val(0) ?: await val(8);
    printf("?: omitted %d, calls %d\n", g, calls);
    int x = 5;
    int h = (x > 3 && await val(x) == 5) || await val(99);
    printf("mixed %d, calls %d\n", h, calls);
    return calls;
}

int main(void) {
    printf("total %d\n", ac_wait(check()));
    return ac_shutdown(1000) != 0;
}
