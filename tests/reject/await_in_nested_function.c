#include <asyncc.h>

ac_future(int) fetch(void);

async int outer(void) {
    int inner(void) { return await fetch(); }
    return inner();
}
