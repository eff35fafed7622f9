#include <asyncc.h>

struct pt { int x, y; };

ac_future(int) fetch(void);

async int f(void) {
    struct pt *p = &(struct pt){5, 6};
    await fetch();
    return p->x;
}
