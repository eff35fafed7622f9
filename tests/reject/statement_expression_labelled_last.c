/* A statement expression that awaits and ends in a labelled statement:
 * its value was taken as void (a compile error in the output).  Refused
 * (found by a hostile tester). */
#include <asyncc.h>

static async int one(int v) { await ac_yield(); return v; }

async int f(int n) {
    int r = ({ int k = await one(n); if (k) goto done; k = 5; done: k; });
    return r;
}
