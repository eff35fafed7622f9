/* Refused (found by a hostile tester): a local declared before a switch's
 * first case and live across an await is declared before the switch,
 * where it would hide the switch's own x (the switch read 0). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int x) {
    int r = x == 2 ? 0 : 3;
    switch (x) {
        int x;
    case 2:
        x = await one(5);
        r += x + await one(17);
        break;
    case 3:
        r = 77;
    }
    return r;
}

int main(void) {
    printf("%d %d %d\n", ac_wait(f(2)), ac_wait(f(3)), ac_wait(f(4)));
    return 0;
}
