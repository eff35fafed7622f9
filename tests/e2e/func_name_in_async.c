/* Regression test (fixed): __func__ (and __FUNCTION__, __PRETTY_FUNCTION__) evaluated after
 * a suspension gives the generated resume function's name: "run__resume".
 * C11 6.4.2.2: __func__ is the name of the enclosing function, "run".
 * Logging macros and assert() messages use it.
 * Expected output:        Got:
 *   before run              before run
 *   after run run           after run__resume run__resume */
#include <asyncc.h>
#include <stdio.h>

static async int run(void) {
    printf("before %s\n", __func__);
    await ac_yield();
    printf("after %s %s\n", __func__, __FUNCTION__);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
