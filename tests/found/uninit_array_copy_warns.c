/* A local array declared without an initializer and written only after an
 * await (the index awaits) is copied whole into the frame (AC__SAVE); it is not given
 * {0} as docs/lowering.md says locals without an initializer are, and gcc -O2
 * -Wall (-Wmaybe-uninitialized) warns in the generated code, where the plain C
 * program (the element read is written first) compiles cleanly. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(void) {
    long a[2];
    a[await one(1)] = 4;
    return (int)a[1];
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
