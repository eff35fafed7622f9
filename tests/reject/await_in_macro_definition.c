#include <asyncc.h>

#define GET(f) await f

ac_future(int) fetch(void);

async int f(void) {
    return GET(fetch());
}
