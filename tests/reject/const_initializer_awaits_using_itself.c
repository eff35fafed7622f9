/* A const local whose initializer awaits and names the local itself:
 * asyncc declares such a local before the await and assigns it after
 * (tests/e2e/initializer_awaits_using_itself.c), which a const local
 * cannot take. */
#include <asyncc.h>

static async int id(int v) { await ac_yield(); return v; }

async int f(void) {
    const int k = await id(sizeof k);
    return k;
}
