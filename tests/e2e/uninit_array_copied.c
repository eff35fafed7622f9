/* Local arrays declared without an initializer, written only after an await
 * (the index awaits) and copied whole to the frame at the suspension: like
 * other locals without one they start zeroed, as gcc -O2 -Wuninitialized
 * warned about the copy of indeterminate bytes (found by a hostile tester;
 * the plain C program writes each element it reads first). */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };

static async int one(int v) { await ac_yield(); return v; }

static async int f(void) {
    long a[2];
    int m[2][3];
    struct pt p[2];
    a[await one(1)] = 4;
    m[await one(1)][2] = 5;
    p[await one(0)].y = 6;
    return (int)a[1] + m[1][2] + p[0].y;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
