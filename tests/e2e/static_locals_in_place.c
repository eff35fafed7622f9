/* Static locals stay where they are declared: the body is printed once, in
 * the run function, and a static local of a function with internal
 * linkage is one object however often the function is inlined.  So a
 * static may be used inside a macro's body (once refused: it moved to
 * file scope under another name, which the macro's text did not spell)
 * and its declaration may name block-scope enum constants and locals
 * (once refused: not visible at file scope). */
#include <asyncc.h>
#include <stdio.h>

#define BUMP() (hits++)

static async int f(void) {
    enum { N = 4 };
    static int a[N];
    int buf[8];
    static int size = sizeof buf;
    static int hits;
    BUMP();
    a[hits % N] += hits;
    await ac_yield();
    BUMP();
    return a[1] + size + hits;
}

int main(void) {
    int x = ac_wait(f());
    int y = ac_wait(f());
    printf("%d %d\n", x, y);
    return ac_shutdown(1000) != 0;
}
