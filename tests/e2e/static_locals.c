/* A static local stays one object across calls, suspensions and both
 * halves of the lowered function. */
#include <asyncc.h>
#include <stdio.h>

static async int next_id(void) {
    static int counter = 100;
    int mine = ++counter;
    await ac_yield();
    counter += 10;
    return mine + counter;
}

int main(void) {
    printf("%d\n", ac_wait(next_id()));
    printf("%d\n", ac_wait(next_id()));
    return ac_shutdown(1000) != 0;
}
