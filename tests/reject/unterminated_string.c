#include <asyncc.h>

async int f(int n) {
    const char *s = "no end;
    return n;
}
