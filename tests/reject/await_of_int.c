#include <asyncc.h>

async int f(int n) {
    return await n + 1;
}
