#include <stdio.h>

async int f(void) {
    return 1;
}
