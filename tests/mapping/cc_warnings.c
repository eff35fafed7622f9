/* C compiler warnings in the user's code of an async function: each once,
 * at the user's line and column, with gcc and clang (tests/run.sh, "line
 * mapping"; the expected list is cc_warnings.warn).  The body is in the
 * output twice, the ramp and the resume function; only the ramp reports. */
#include <asyncc.h>
#include <stdio.h>

async int work(unsigned limit) {
    int unused_before = 1;
    int i = -1;
    if (i < limit)
        puts("less");
    await ac_yield();
    int unused_after = 2;
    for (int k = 0; k < 2; k++) {
        await ac_yield();
        if (k < limit)
            i++;
    }
    return i;
}

async int tiny(unsigned u) { int i = -1; await ac_yield(); if (i < u) i = 0; return i; }

int main(void) {
    printf("%d\n", ac_wait(work(3)));
    printf("%d\n", ac_wait(tiny(3)));
    return ac_shutdown(1000) != 0;
}
