#include <asyncc.h>

ac_future(long) fetch(void);

async int f(void) {
    ac_future(int) x = fetch();
    return await x;
}
