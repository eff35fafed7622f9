/* Refused (found by a hostile tester): locals declared before a switch's
 * first case and live across an await are declared before the switch,
 * where the typedef and enum constant declared beside them are not. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int k) {
    int r = 0;
    switch (k) {
        typedef long T;
        enum { A = 3 };
        T y;
        int arr[A];
    case 2:
        y = await one(5);
        arr[0] = A;
        r += (int)y + await one(17) + arr[0];
        break;
    }
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(2)));
    return 0;
}
