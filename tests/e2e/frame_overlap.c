/* Locals of sibling blocks share frame bytes: each branch's locals live
 * across their own awaits, but the branches are never alive together.
 * tests/explain/frame_overlap pins the layout. */
#include <asyncc.h>
#include <stdio.h>

struct big { double d[4]; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async double branches(int which) {
    double result = 0;
    if (which == 0) {
        struct big b = {{1, 2, 3, 4}};
        await val(0);
        result = b.d[0] + b.d[3];
    } else {
        long x = 40, y = 2;
        await val(0);
        result = x + y;
    }
    for (int i = 0; i < 2; i++) {
        char tag = (char)('a' + i);
        await val(i);
        result += tag == 'b';
    }
    return result;
}

int main(void) {
    printf("%.1f %.1f\n", ac_wait(branches(0)), ac_wait(branches(1)));
    return ac_shutdown(1000) != 0;
}
