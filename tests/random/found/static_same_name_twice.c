/* Two block-scope static locals of one name in one async function: the
 * generated C does not compile.
 *
 * What is wrong: both statics become the file-scope `f__n`; gcc:
 * "redefinition of 'f__n'" (clang: the same).  A static named like a
 * generated helper (`box`, `run`, `ramp`, `resume_1`) collides the same
 * way (issue 14).
 * Found by: tests/random/diff.sh (generator seeds 900..929 before -K
 * learnt to avoid it: three programs of three, all with this message),
 * minimised by hand; issue 14 lists the same bug.
 * Status: open (336cd3f, still at b669a26).  Check: tests/random/diff.sh -p THIS. */
#ifdef AC_SYNC
#include "sync.h"
#else
#include <asyncc.h>
#endif
#include <stdio.h>

static async unsigned long f(int k)
{
    unsigned long sum = 0;
    if (k) {
        static unsigned long n = 10;
        n = n * 3 + 1;
        sum += n;
    } else {
        static unsigned long n = 20;
        n = n * 3 + 1;
        sum += n;
    }
    await ac_yield();
    return sum;
}

int main(void)
{
    printf("%lu", ac_wait(f(1)));
    printf(" %lu", ac_wait(f(0)));
    printf(" %lu\n", ac_wait(f(1)));
    return ac_shutdown(1000) != 0;
}
