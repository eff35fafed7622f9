/* Shared frame bytes in a frame allocated on entry (an address is taken, so
 * every hoisted local is a frame field for its whole block): locals of
 * sibling and of disjoint nested blocks share bytes, the outer ones whose
 * blocks hold them do not.  Spilled temporaries are frame fields here too:
 * one written after an await while another, read after that await, waits
 * in the frame must not take its bytes (f(await g(await a, await b),
 * await c) and the like). */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static int f2(int x, int y) { return x * 10 + y; }
static int f3(int x, int y, int z) { return x * 100 + y * 10 + z; }

static async int run(int n) {
    int *p = &n;                          /* the frame is allocated on entry */
    int acc = 0;
    for (int i = 0; i < 3; i++) {
        if (i % 2) {
            long x = 100 + i;
            await ac_yield();
            acc += (int)x;
        } else {
            double y = 0.25 * i;
            short q = (short)i;
            await ac_yield();
            acc += (int)(y * 4) + q;
        }
        {
            int arr[4] = {i, i + 1, i + 2, i + 3};
            int *pa = arr;
            await ac_yield();
            acc += pa[0] + pa[3];
        }
    }
    *p += acc;
    int t1 = f3(await val(1), await val(f2(await val(2), await val(3))), await val(4));
    int t2 = f2(await val(await val(5) + await val(6)), await val(7));
    int t3 = (await val(0) ? await val(8) : await val(9)) + f2(await val(1), await val(2));
    return n * 100000 + t1 * 10 + t2 + t3;
}

int main(void) {
    printf("%d\n", ac_wait(run(2)));
    return ac_shutdown(1000) != 0;
}
