#include <asyncc.h>

int *plain(void);

async int f(void) {
    return await plain();
}
