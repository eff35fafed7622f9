#include <asyncc.h>

#define MAX(a, b) ((a) > (b) ? (a) : (b))

ac_future(int) fetch(void);

async int f(int n) {
    return MAX(await fetch(), n);
}
