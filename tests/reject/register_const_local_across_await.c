/* A `register const` local live across an await: the resume label must
 * copy its value back, and a const local cannot be assigned while a
 * register one has no address to copy bytes to (the generated code did
 * not compile: "assignment of read-only variable").  Refused. */
#include <asyncc.h>

async int f(int a) {
    register const int k = a + 1;
    await ac_yield();
    return k * 2;
}
