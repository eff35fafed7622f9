#include <asyncc.h>

/* Names beginning with ac__ belong to the generated code. */
async int f(int x) {
    int ac__fr = x;
    return await ac_yield(), ac__fr;
}
