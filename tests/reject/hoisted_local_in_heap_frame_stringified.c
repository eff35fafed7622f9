/* A local live across an await in a frame allocated on entry (the address of
 * a local is taken) is used as the frame's field; a macro that stringifies
 * its argument would print "ac__fr->x".  Refused. */
#include <asyncc.h>
#include <stdio.h>

#define SHOW(v) printf("%s=%d\n", #v, (v))

void keep(int *p);

async int f(void) {
    int x = 5;
    keep(&x);
    await ac_yield();
    SHOW(x);
    return x;
}
