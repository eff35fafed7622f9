/* A struct type declared inside the function with a member named x (here in
 * a sibling block; anywhere in the function) makes asyncc rename the local
 * x (ac__l_x), and then refuses the macro that uses it:
 *   error: 'x' lives across an await under another name (another
 *   declaration of its name in the function could hide it), and is used
 *   inside a macro's body here: pass it to the macro as an argument
 * A member cannot hide a variable, and docs/lowering.md says "a name that
 * is also a member, a designator or a tag" keeps it (it does when the struct
 * is declared at file scope, or the member is named otherwise).  Plain C
 * prints 9. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define TWICE_X (x * 2)

static async long f(int it) {
    long acc = 0;
    {
        long x = it * 3;
        acc += await one(it) + TWICE_X;
    }
    {
        struct { int x; } s = { 1 };
        acc += await one(s.x) + s.x;
    }
    return acc;
}

int main(void) {
    printf("%ld\n", ac_wait(f(1)));
    return 0;
}
