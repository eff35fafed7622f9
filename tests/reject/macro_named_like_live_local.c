/* A hostile tester's: a macro named like a live local, defined after the
 * local, expanded inside the generated copies (`ac__fr->count` became
 * `ac__fr->(count + 100)`), which did not compile; nothing in C names the
 * local past its macro.  Refused, naming both.  Valid neighbours:
 * e2e/macros_named_like_locals_kept.c. */
#include <asyncc.h>
#include <stdio.h>
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    int count = 3;
#define count (count + 100)
    int r = await id(1);
    printf("%d %d\n", count, r);
    return 0;
}
