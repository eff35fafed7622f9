/* goto jumping forward into the middle of a loop body, and backward from
 * after the loop into it, across awaits; the loop then continues
 * normally with its increment and condition. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int i = 3, log = 0;
    await val(0);
    goto inside;
    for (i = 0; i < 6; i++) {
        log = log * 10 + 1;
        await ac_yield();
    inside:
        log = log * 10 + await val(2);
    }
    printf("forward: i %d log %d\n", i, log);

    int rounds = 0, total = 0;
    int k = 0;
    while (k < 3) {
    again:
        total += await val(k);
        k++;
    }
    if (++rounds < 3) {
        k = await val(1);
        goto again;
    }
    printf("backward: rounds %d total %d k %d\n", rounds, total, k);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
