#include <asyncc.h>

async int f(void) {
    return 1 @ 2;
}
