/* switch on an await whose case labels sit in nested blocks and inside
 * a loop (Duff's device shape), with awaits between labels: jumping into
 * the nested block and falling through across awaits follow C. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int duff(int count) {
    int copied = 0;
    int n = (count + 3) / 4;
    switch (await val(count % 4)) {
    case 0:
        do {
            copied += await val(1);
            /* fallthrough */
    case 3:
            copied += await val(1);
            /* fallthrough */
    case 2:
            copied += await val(1);
            /* fallthrough */
    case 1:
            copied += await val(1);
        } while (--n > 0);
    }
    return copied;
}

static async int nested(int sel) {
    int r = 0;
    switch (await val(sel)) {
    case 1: {
        r += await val(1);
        if (r) {
    case 2:
            r += await val(10);
        }
        break;
    }
    default:
        {
            {
    case 3:
                r += await val(100);
            }
        }
        /* fallthrough */
    case 4:
        r += await val(1000);
    }
    return r;
}

static async int run(void) {
    for (int c = 1; c <= 9; c++)
        printf("duff %d -> %d\n", c, await duff(c));
    for (int s = 0; s <= 5; s++)
        printf("nested %d -> %d\n", s, await nested(s));
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
