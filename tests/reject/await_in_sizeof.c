#include <asyncc.h>

ac_future(int) fetch(void);

async int f(void) {
    return (int)sizeof(await fetch());
}
