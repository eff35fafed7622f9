/* An #if between `async` and the function's name: each branch needs the
 * whole header. */
#include <asyncc.h>

static async int
#ifdef WIDE
f(long a)
#else
f(int a)
#endif
{
    await ac_yield();
    return (int)a;
}
