/* A local pointer to a VLA (variably modified, not itself a VLA) in scope
 * at an await is accepted, but the output does not compile: its frame
 * field is `__typeof__(int (*)[k])` at file scope ("'k' undeclared here
 * (not in a function)"), and the resume function's goto enters its scope
 * ("jump into scope of identifier with variably modified type").  VLAs and
 * variably modified parameters are refused with a message (docs/
 * lowering.md), this is not.  Even when p is dead at the await (read
 * before it), or for a block-scope `typedef int row_t[k];`, the goto into
 * its scope does not compile.  Plain C prints 7. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
static int grid[3][4];

static async int f(int k) {
    int (*p)[k] = (int (*)[k])grid;
    p[1][2] = 7;
    await one(1);
    return p[1][2];
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return 0;
}
