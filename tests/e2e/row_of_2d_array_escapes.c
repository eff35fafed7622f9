/* Regression test (fixed; regressed in 5764b76 "Arrays ... count as address-taken only when
 * they decay to a pointer that may be kept, not when subscripted"): a row
 * of a 2-D array, m[1], is a subscript whose result is itself an array
 * that decays to a kept pointer.  It is no longer treated as an escape:
 * the frame is built on the ramp's stack and moved to the heap at the
 * first suspension, so q points at the dead stack copy: ASan
 * stack-use-after-return (with detect_stack_use_after_return=1) or the
 * write is lost.  Printed 9 at ccaeeb8.  Same for a member 2-D array
 * (int *p = h.a[1];) and for m[1] passed to an async callee.
 * Expected output: 9 */
#include <asyncc.h>
#include <stdio.h>

static async int run(void) {
    int m[2][3] = {{0}};
    int *q = m[1];
    await ac_yield();
    q[2] = 9;
    printf("%d\n", m[1][2]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
