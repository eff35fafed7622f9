/* Refused (found by a hostile tester): these builtins do not evaluate
 * their operand, so its await must not run (it ran: 3 calls where plain
 * C makes none). */
#include <asyncc.h>

static int calls;
static async int one(int v) { calls++; await ac_yield(); return v; }

async int f(int n) {
    int r = __builtin_constant_p(await one(n));
    r += (int)__builtin_classify_type(await one(2));
    return r;
}
