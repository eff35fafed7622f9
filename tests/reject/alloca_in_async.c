#include <alloca.h>
#include <asyncc.h>

ac_future(int) fetch(void);

async int f(int n) {
    char *p = alloca(n);
    p[0] = 1;
    return await fetch() + p[0];
}
