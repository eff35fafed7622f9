/* Regression test (issue 14): gcc -O2 -Wuse-after-free on generated code.  A
 * pointer freed before an await and only assigned after it was taken for
 * live across the await (a write counted as a use) and copied into the frame
 * after its free.  A write needs no value from before the await. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static async int f(int n) {
    char *p = malloc(10);
    p[0] = (char)n;
    int v = p[0];
    free(p);
    await ac_yield();
    p = NULL;
    return v;
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return ac_shutdown(1000) != 0;
}
