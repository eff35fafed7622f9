/* Refused (found by a hostile tester): compound literals made in a macro's
 * body whose address is kept across awaits stayed on the ramp's stack
 * (wrong values, ASan stack-buffer-overflow). */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };
#define PT(a, b) (&(struct pt){ (a), (b) })
#define ARR3(a, b, c) ((int[]){ (a), (b), (c) })

static async int one(int v) { await ac_yield(); return v; }

static async int f(int k) {
    struct pt *p = PT(k, 2);
    int *a = ARR3(7, 8, 9);
    await one(1);
    char big[256];                      /* reuses the stack */
    for (int i = 0; i < 256; i++) big[i] = (char)i;
    await one(2);
    return p->x * 1000 + p->y * 100 + a[2] + big[0];
}

int main(void) {
    printf("%d\n", ac_wait(f(5)));
    return 0;
}
