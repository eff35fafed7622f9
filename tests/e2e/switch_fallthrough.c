/* switch with fallthrough, and Duff's device with an await in a case
 * inside the loop body. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int fall(int k) {
    int acc = 0;
    switch (k) {
    case 0:
        acc += await val(1);
        /* fall through */
    case 1:
        acc += await val(10);
        /* fall through */
    case 2:
        acc += 100;
        break;
    default:
        acc = -1;
    }
    return acc;
}

static async int duff(int count) {
    int copied = 0;
    int n = (count + 3) / 4;
    switch (count % 4) {
    case 0: do { copied += await val(1);
                 /* fall through */
    case 3:      copied += await val(1);
                 /* fall through */
    case 2:      copied += await val(1);
                 /* fall through */
    case 1:      copied += await val(1);
            } while (--n > 0);
    }
    return copied;
}

int main(void) {
    for (int k = 0; k < 4; k++)
        printf("fall %d: %d\n", k, ac_wait(fall(k)));
    for (int c = 1; c <= 9; c += 4)
        printf("duff %d: %d\n", c, ac_wait(duff(c)));
    return ac_shutdown(1000) != 0;
}
