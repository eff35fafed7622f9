#include <asyncc.h>

async int f(int n) {
    return n;
}
}
