/* A body whose braces lie in different #if groups cannot be lowered. */
#include <asyncc.h>

#ifdef NEVER
static async int k(int n) { int x = 1;
#else
static async int k(int n) { int x = 2;
#endif
    await ac_yield();
    return n + x;
}
