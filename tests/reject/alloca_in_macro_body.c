/* alloca called from a macro's body (found by a hostile tester): the tree
 * sees only TMPBUF, so the written-call refusal missed it and the buffer
 * was read after the suspension from the stack the ramp had left. */
#include <asyncc.h>
#include <alloca.h>

#define TMPBUF(n) ((char *)alloca(n))

static async int one(int v) { await ac_yield(); return v; }

async int f(int k) {
    char *b = TMPBUF(16);
    b[0] = (char)k;
    await one(1);
    return b[0];
}
