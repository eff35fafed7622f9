/* assignment expressions as values: chained assignments a = b = await,
 * nested compound assignments x += y += await, an lvalue chosen by ?:
 * through pointers and assigned from an await, a comma expression in a
 * return, and char results promoted in arithmetic. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async char cval(char c) {
    await ac_yield();
    return c;
}

static async int comma_return(int x) {
    return (x++, await val(x * 10));
}

static async int run(void) {
    int a, b, c;
    a = b = c = await val(3);
    printf("chain %d %d %d\n", a, b, c);
    int x = 1, y = 2;
    x += y += await val(4);
    printf("nested %d %d\n", x, y);
    int which = await val(1);
    *(which ? &a : &b) = await val(30);
    *(which ? &b : &a) += await val(5);
    printf("picked %d %d\n", a, b);
    printf("comma return %d\n", await comma_return(4));
    char ch = await cval(100);
    int sum = await cval(100) + 200;
    printf("char %d %d\n", ch, sum);
    int r = (a = await val(7)) * 2;
    printf("value of assignment %d a %d\n", r, a);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
