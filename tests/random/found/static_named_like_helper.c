/* A static local named like one of the lowering's helpers (box, run,
 * ramp, resume_1): the generated C does not compile.
 *
 * What is wrong: the static becomes the file-scope `f__box`, which is also
 * the name of f's frame allocator; gcc: "'f__box' redeclared as different
 * kind of symbol" (with `resume_1`: "redefinition of 'f__resume_1' as
 * different kind of symbol").  Generated names must never collide with
 * the user's.
 * Found by: tests/random/diff.sh -x (generator seeds 7000..7039: two
 * programs of four failed so, at `box` and `resume_1`), minimised by hand;
 * issue 14 lists the same bug.
 * Status: open (336cd3f, still at b669a26).  Check: tests/random/diff.sh -p THIS. */
#ifdef AC_SYNC
#include "sync.h"
#else
#include <asyncc.h>
#endif
#include <stdio.h>

static async unsigned long f(void)
{
    static unsigned long box = 1;
    box = box * 3 + 1;
    await ac_yield();
    return box;
}

int main(void)
{
    printf("%lu", ac_wait(f()));
    printf(" %lu\n", ac_wait(f()));
    return ac_shutdown(1000) != 0;
}
