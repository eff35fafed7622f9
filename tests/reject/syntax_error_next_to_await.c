#include <asyncc.h>

ac_future(int) fetch(void);

async int f(void) {
    int x = await fetch() + ;
    return x;
}
