/* ac_future(unsigned) beside a function returning unsigned: two future
 * types for one result type, and the generated C does not compile.
 *
 * What is wrong: the function's future is named after the spelling
 * `unsigned` (ac_future_unsigned) and the local's after the canonical type
 * (ac_future_unsigned_int); gcc: "incompatible types when assigning to type
 * 'ac_future_unsigned_int' from type 'ac_future_unsigned'" (clang: the
 * same, "assigning to 'typeof(ac_future_unsigned_int)'").  Spelling both
 * `unsigned int` works.  The same with the same spelling on both sides,
 * `async long unsigned g()` and `ac_future(long unsigned)`
 * (ac_future_long_unsigned against ac_future_unsigned_long), and with two
 * spellings of one type, `async unsigned long g()` and `ac_future(ul_t)`
 * for `typedef unsigned long ul_t`.  Every spelling of a type must name
 * one future type.
 * Found by: tests/random/diff.sh -x (every program with a future of a
 * function returning unsigned), minimised by hand, then the other
 * spellings by a probe; issue 14 lists the symptom for `unsigned`.
 * Status: open (asyncc 336cd3f).  Check: tests/random/diff.sh -p THIS. */
#ifdef AC_SYNC
#include "sync.h"
#else
#include <asyncc.h>
#endif
#include <stdio.h>

static async unsigned g(int d);

static async unsigned long f(int d)
{
    ac_future(unsigned) fu = g(d);
    await ac_yield();
    return await fu;
}

static async unsigned g(int d)
{
    await ac_yield();
    return (unsigned)d * 3;
}

int main(void)
{
    printf("%lu\n", ac_wait(f(7)));
    return ac_shutdown(1000) != 0;
}
