/* Regression (a hostile review): text before the first async function had
 * no #line, so __FILE__ (and assert, ac_wait's messages, the compiler's)
 * named the generated file there.  It names this file now. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static const char *here = __FILE__;
static const int line = __LINE__;

static async int one(void) {
    await ac_yield();
    return 1;
}

int main(void) {
    const char *base = strrchr(here, '/');
    printf("%s:%d %d\n", base ? base + 1 : here, line, ac_wait(one()));
    return ac_shutdown(1000) != 0;
}
