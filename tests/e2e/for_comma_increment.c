/* a comma expression in a for-increment (and in the init) whose parts
 * are awaits: both parts run on every iteration, left to right, and
 * continue still runs the increment. */
#include <asyncc.h>
#include <stdio.h>

static int incs;

static async int step(int v) {
    incs++;
    await ac_yield();
    return v;
}

static async int run(void) {
    int i, j, n = 0;
    for (i = await step(0), j = await step(10); i < j; i += await step(1), j -= await step(2)) {
        n++;
        if (i == 1)
            continue;
        printf("i %d j %d\n", i, j);
    }
    printf("end i %d j %d n %d incs %d\n", i, j, n, incs);
    long prod = 1;
    for (int k = 1; k <= 5; prod *= await step(k), k++)
        ;
    printf("prod %ld incs %d\n", prod, incs);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
