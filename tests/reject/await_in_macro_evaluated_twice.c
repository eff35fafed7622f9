#include <asyncc.h>

#define TWICE(x) ((x) + (x))

ac_future(int) fetch(void);

async int f(void) {
    return TWICE(await fetch());
}
