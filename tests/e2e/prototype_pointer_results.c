/* Regression (a hostile review): a prototype whose result is a pointer
 * written against the name (`async char *f(void);`) came out as
 * `ac_future_charpf(void);`. */
#include <asyncc.h>
#include <stdio.h>

async char *name(void);
async const char *greeting(void);
static async unsigned char *bytes(void);

static unsigned char raw[] = {1, 2, 3};

async char *name(void) { await ac_yield(); return "asyncc"; }
async const char *greeting(void) { return "hello"; }
static async unsigned char *bytes(void) { await ac_yield(); return raw; }

int main(void) {
    printf("%s, %s: %d\n", ac_wait(greeting()), ac_wait(name()), ac_wait(bytes())[2]);
    ac_shutdown(0);
    return 0;
}
