/* The message names the awaited value's type as the user would write it
 * (int), not the view's spelling of it (typeof(int)). */
#include <asyncc.h>

static async int count(void) {
    await ac_yield();
    return 1;
}

async void use(void) {
    long *p = await count();
    (void)p;
}
