#include <asyncc.h>

struct point { int x, y; };

async struct point f(void) {
    return 1;
}
