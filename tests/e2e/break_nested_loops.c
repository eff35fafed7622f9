/* leaving nested loops that await at every level: break leaves only the
 * innermost loop (also when it is inside a switch), goto leaves all of
 * them, and a flag-driven break unwinds level by level. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int pairs = 0;
    for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
            if (await val(j) > i)
                break;
            pairs++;
        }
    }
    printf("pairs %d\n", pairs);

    int fi = -1, fj = -1;
    for (int i = 0; i < 10; i++)
        for (int j = 0; j < 10; j++)
            while (await val(1)) {
                if (await val(i * j) == 12) {
                    fi = i;
                    fj = j;
                    goto found;
                }
                break;
            }
found:
    printf("found %d %d\n", fi, fj);

    int done = 0, steps = 0;
    for (int a = 0; a < 5 && !done; a++) {
        for (int b = 0; b < 5; b++) {
            switch (await val(a + b)) {
            case 6:
                done = 1;
                break;            /* leaves the switch only */
            default:
                steps++;
            }
            if (done)
                break;
        }
    }
    printf("done %d steps %d\n", done, steps);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
