#include <asyncc.h>

ac_future(int) fetch(void);

async int f(int n) {
    int buf[n];
    buf[0] = 1;
    int x = await fetch();
    return buf[0] + x;
}
