/* A local declared by a macro was silently not kept across an await (it
 * read as 0 or garbage after the await): refused now. */
#include <asyncc.h>

#define DECL(x) int x

static async int f(void) {
    DECL(y) = 3;
    await ac_yield();
    return y;
}
