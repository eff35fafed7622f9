/* every operand is evaluated exactly once even when an await sits in the
 * same expression: lvalues computed by calls (*slot(i) += await ...),
 * post/pre increments next to awaits, and compound assignments through
 * pointers and subscripts with side effects. */
#include <asyncc.h>
#include <stdio.h>

static int calls, slot_calls, idx_calls;
static int store[4];

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static int *slot(int i) {
    slot_calls++;
    return &store[i];
}

static int idx(int i) {
    idx_calls++;
    return i;
}

static async int run(void) {
    *slot(1) += await val(5);
    *slot(1) *= await val(3);
    store[idx(2)] -= await val(4);
    store[idx(3)] = await val(9) + store[idx(3)];
    printf("store %d %d %d %d\n", store[0], store[1], store[2], store[3]);
    printf("slot %d idx %d calls %d\n", slot_calls, idx_calls, calls);
    int i = 0;
    int a[4] = {0, 0, 0, 0};
    a[i++] = await val(7);
    a[i++] += await val(8);
    printf("a %d %d i %d\n", a[0], a[1], i);
    int x = 10;
    int y = x++ + await val(1);
    printf("x %d y %d\n", x, y);
    int z = await val(2) * ++x;
    printf("x %d z %d\n", x, z);
    int *p = a;
    *p++ += await val(3);
    *p++ += await val(4);
    printf("a %d %d off %d\n", a[0], a[1], (int)(p - a));
    printf("calls %d\n", calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
