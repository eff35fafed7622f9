/* Const locals live across an await are plain locals of the run function
 * like the others, their bytes copied to the frame at a suspension and
 * back at the resume label (since the body is printed once): one of a type
 * declared in the function with an alignment, one of a local struct type,
 * one initialised from a parameter, and their frame slots shared between
 * sibling blocks.  (`register const` is refused:
 * tests/reject/register_const_local_across_await.c.) */
#include <asyncc.h>
#include <stdio.h>

static async int f(int a) {
    typedef int myint;
    _Alignas(8) const myint q = 2;
    struct pt { int x, y; };
    const struct pt p = { a, a + 1 };
    await ac_yield();
    int s = q + p.x + p.y;
    if (a > 0) {
        const long big = 1000L * a;
        await ac_yield();
        s += (int)big;
    } else {
        const long small = -a;
        await ac_yield();
        s += (int)small;
    }
    return s;
}

int main(void) {
    printf("%d\n", ac_wait(f(3)));
    printf("%d\n", ac_wait(f(-4)));
    return ac_shutdown(1000) != 0;
}
