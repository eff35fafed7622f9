/* continue and break inside a switch inside a loop, with awaits in the
 * switch value, in case bodies and in the loop condition: continue goes
 * to the loop (running its increment), break leaves only the switch, and
 * goto leaves both. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int evens = 0, odds = 0, other = 0, incs = 0;
    for (int i = 0; i < 12; i += await val(1), incs++) {
        switch (await val(i % 4)) {
        case 0:
            evens++;
            continue;               /* to the increment */
        case 1:
        case 3:
            odds += await val(1);
            break;                  /* out of the switch only */
        default:
            if (await val(i) > 8)
                goto out;
            other++;
        }
        other += 10;
    }
out:
    printf("evens %d odds %d other %d incs %d\n", evens, odds, other, incs);
    int n = 0, visits = 0;
    while (await val(n) < 6) {
        switch (n++) {
        case 2:
            continue;
        default:
            visits += await val(1);
        }
    }
    printf("n %d visits %d\n", n, visits);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
