#include <asyncc.h>
#include <stdio.h>

#define SHOW(x) printf(#x " = %d\n", (x))

ac_future(int) fetch(void);

async int f(void) {
    SHOW(await fetch());
    return 0;
}
