#include <asyncc.h>

async int f(void) {
    int x = await;
    return x;
}
