/* Regression: a prototype whose result needs a future type of its own
 * (`async unsigned f(void);`, also static and indented) declares that type
 * before itself; this was an internal error ("overlapping edits"). */
#include <asyncc.h>
#include <stdio.h>

  static async unsigned f(void);
async unsigned g(void);
async unsigned short h(void);

static async unsigned f(void) {
    await ac_yield();
    return 7;
}

async unsigned g(void) { return await f() + await h(); }
async unsigned short h(void) { await ac_yield(); return 35; }

int main(void) {
    printf("%u\n", ac_wait(g()));
    ac_shutdown(0);
    return 0;
}
