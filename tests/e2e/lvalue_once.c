/* Compound assignment through a pointer, to a bit-field, to an array
 * element: the lvalue is evaluated exactly once. */
#include <asyncc.h>
#include <stdio.h>

static int cells[4];
static int next_calls;

static int *next_cell(void) {
    return &cells[next_calls++];
}

struct flags { unsigned a : 3, b : 5; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int assign(void) {
    *next_cell() += await val(5);
    *next_cell() = await val(6) * 2;
    struct flags fl = {1, 2};
    fl.b += await val(3);
    fl.a |= await val(4);
    int i = 0;
    cells[i++] += await val(100);
    printf("cells %d %d %d, calls %d, i %d, flags %u %u\n", cells[0], cells[1], cells[2],
           next_calls, i, fl.a, fl.b);
    return 0;
}

int main(void) {
    ac_wait(assign());
    return ac_shutdown(1000) != 0;
}
