/* a while condition that awaits and has side effects (assignment,
 * post-increment, &&): the side effects happen exactly once per test,
 * including the final failing test. */
#include <asyncc.h>
#include <stdio.h>

static int data[] = {3, 1, 4, 1, 5, 0, 9, 2};
static int pos;

static async int next(void) {
    await ac_yield();
    return data[pos++];
}

static async int run(void) {
    int x, tests = 0, sum = 0;
    while (tests++, (x = await next()) != 0)
        sum += x;
    printf("sum %d tests %d pos %d x %d\n", sum, tests, pos, x);
    int n = 0;
    pos = 0;
    while (n++ < 3 && await next() > 0)
        ;
    printf("n %d pos %d\n", n, pos);
    int budget = 2;
    pos = 0;
    while (await next() && budget-- > 0)
        printf("budget %d\n", budget);
    printf("final budget %d pos %d\n", budget, pos);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
