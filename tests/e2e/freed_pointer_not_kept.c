/* Regression test (issue 14): gcc -O2 -Wuse-after-free on generated code.  A
 * pointer freed before an await and assigned after it was taken for live
 * across the await (a later write counted as a use) and copied into the
 * frame after its free.  Liveness now looks for a read before any write on
 * every path after the await. */
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

static async int g(int n) {   /* assigned, then read again */
    char *p = malloc(10);
    p[0] = (char)n;
    int v = p[0];
    free(p);
    await ac_yield();
    p = n > 100 ? malloc(1) : NULL;
    v += p == NULL;
    free(p);
    return v;
}

int main(void) {
    printf("%d %d\n", ac_wait(f(4)), ac_wait(g(4)));
    return ac_shutdown(1000) != 0;
}
