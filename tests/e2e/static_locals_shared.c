/* static locals in async functions stay static: one object shared by all
 * calls (also by calls suspended at the same time), initialised once,
 * static arrays and a static pointer to a static, and a static local
 * whose address is handed out and written after awaits. */
#include <asyncc.h>
#include <stdio.h>

static async int ticket(void) {
    static int next = 100;
    int mine = next++;
    await ac_yield();
    return mine;
}

static async int *counter_cell(void) {
    static int cell;
    await ac_yield();
    return &cell;
}

static async int history(int v) {
    static int log[8];
    static int n;
    static int *last = &log[0];
    await ac_yield();
    log[n++] = v;
    last = &log[n - 1];
    await ac_yield();
    return *last;
}

static async int run(void) {
    int sum = 0;
    for (int i = 0; i < 4; i++)
        sum += await ticket();
    printf("tickets sum %d next %d\n", sum, await ticket());
    int *c1 = await counter_cell();
    *c1 += 5;
    int *c2 = await counter_cell();
    *c2 += await history(3);
    printf("same cell %d value %d\n", c1 == c2, *c1);
    await history(4);
    printf("history last %d\n", await history(9));
    return 0;
}

int main(void) {
    ac_wait(run());
    ac_future(int) f[3];               /* three calls suspended together */
    f[0] = ticket();
    f[1] = ticket();
    f[2] = ticket();
    int a = ac_wait(f[0]), b = ac_wait(f[1]), c = ac_wait(f[2]);
    printf("concurrent %d %d %d\n", a, b, c);
    return ac_shutdown(1000) != 0;
}
