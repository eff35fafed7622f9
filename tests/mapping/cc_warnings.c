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

/* Warnings inside the statements asyncc rewrites: each still at its column. */
async int echo(int x) { await ac_yield(); return x; }

async int inside(unsigned u) {
    int i = -1;
    if (u == 7)
        return i < u;
    if (await echo(1) < u)
        i = 0;
    int d = await echo(i < u);
    while (await echo(i) < u)
        i++;
    await echo(i < u);
    int unused_init = await echo(2);
    if (u == 8)
        return (i < u) + await echo(d);
    if (u == 9)
        return await echo(d) + (i < u);
    return i < u;
}

/* A local whose address is taken lives in the frame from the start: its
 * name becomes ac__fr->x, longer than the user's, before the warning. */
async int by_address(unsigned u) {
    int x = -1, *p = &x;
    await ac_yield();
    return *p + (x < u) + await echo(x < u);
}

int main(void) {
    printf("%d\n", ac_wait(work(3)));
    printf("%d\n", ac_wait(tiny(3)));
    printf("%d\n", ac_wait(inside(3)));
    printf("%d\n", ac_wait(by_address(3)));
    return ac_shutdown(1000) != 0;
}
