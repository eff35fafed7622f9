/* locals of sibling blocks (consecutive blocks, if/else branches, switch
 * cases, loop bodies) that each live across their own awaits may share
 * frame bytes; each still holds its own value for its whole lifetime,
 * including arrays with a pointer into themselves and a value carried out
 * of the block in an outer variable. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async long run(void) {
    long acc = 0;
    for (int i = 0; i < 4; i++) {
        {
            int a[4] = {i, i + 1, i + 2, i + 3};
            int *p = &a[1];
            await ac_yield();
            *p += await val(10);
            acc += a[0] + a[1] + a[2] + a[3];
        }
        {
            double d = await val(i) * 0.5;
            long big = 1000L * await val(i);
            await ac_yield();
            acc += (long)(d * 2) + big;
        }
        if (i % 2) {
            struct { int x, y; } s = {await val(1), await val(2)};
            await ac_yield();
            acc += s.x * 100 + s.y;
        } else {
            char text[8] = "abc";
            text[0] = (char)await val('x');
            await ac_yield();
            acc += text[0] + text[2];
        }
        switch (i) {
        case 0: {
            int c0 = await val(7);
            await ac_yield();
            acc += c0;
        }
        /* fallthrough */
        case 1: {
            long c1 = await val(9);
            await ac_yield();
            acc += c1;
            break;
        }
        default: {
            short c2 = (short)await val(-1);
            await ac_yield();
            acc += c2;
        }
        }
    }
    return acc;
}

int main(void) {
    printf("acc %ld\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
