#include <asyncc.h>

/* a comment that
   never ends
async int f(int n) {
    return n;
}
