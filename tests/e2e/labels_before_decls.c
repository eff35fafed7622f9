/* labels placed right before declarations (through an empty statement,
 * as C11 requires) and before blocks that declare, jumped to across
 * awaits: the declaration's initializer runs again on each jump, and a
 * label at the end of a block uses an empty statement. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int round = 0, total = 0;
top:;
    int x = await val(round * 10);
    total += x;
    if (++round < 4)
        goto top;
    printf("total %d round %d\n", total, round);

    int hits = 0;
    goto mid;
    hits += 100;                 /* skipped */
mid: {
        int y = await val(7);
        hits += y;
    }
    printf("hits %d\n", hits);

    for (int i = 0; i < 3; i++) {
        if (await val(i) == 1)
            goto next;
        hits++;
    next:;
    }
    printf("hits %d\n", hits);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
