/* A static local bumped through a macro loses the bump once lowered.
 *
 * What is wrong: BUMP()'s expansion `(st = st * 5 + 1)` names the static
 * local st, which the lowering renames; the use inside the macro body has
 * no text of its own, and the statement comes out without the bump (no
 * diagnostic).  The synchronous meaning prints "st 6 31 156"; the lowered
 * program prints "st 1 1 1" (gcc and clang, any -O, both worker settings).
 * Found by: tests/random/diff.sh -x (generator seed 12, g_ck constant
 * across the three runs where the reference's grew), minimised by hand;
 * the same bug as issue 14's first item.
 * Status: open (336cd3f, still at b669a26).  Check: tests/random/diff.sh -p THIS. */
#ifdef AC_SYNC
#include "sync.h"
#else
#include <asyncc.h>
#endif
#include <stdio.h>

#define BUMP() (st = st * 5 + 1)
static async unsigned long f(void)
{
    static unsigned long st = 1;
    BUMP();
    await ac_yield();
    return st;
}
#undef BUMP

int main(void)
{
    printf("st");
    for (int i = 0; i < 3; i++)
        printf(" %lu", ac_wait(f()));
    printf("\n");
    return ac_shutdown(1000) != 0;
}
