/* Two files, each with a static async function named helper
 * (tests/run.sh, debug/gdb-static-twins): async finish from leafx, in
 * static_twin_b.c, stops in this file's helper, the one that awaits it.
 * Lines by "@name". */
#include <asyncc.h>

async int leafx(int n);

static async int helper(int n) {
    int a = n + 1;
    a += await leafx(a);
    a += 1;                                     /* @a-after */
    return a;
}

async int from_a(int n) {
    int r = await helper(n);
    return r;
}
