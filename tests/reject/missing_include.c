#include <asyncc.h>
#include "no_such_header.h"

async int f(void) {
    return 1;
}
