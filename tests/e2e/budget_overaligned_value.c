/* Regression test (found by a hostile tester): awaits of completed futures
 * whose value is aligned to 32, 1000 in a row on a worker, each value
 * right.  When the generated code counted such awaits for the cooperative
 * budget, the 128th moved the value into a deferred task at offset 16,
 * where the await read it back at offset 32 (one value in 128 was
 * garbage; ASan reported a read past the task).  The budget is no longer
 * spent by these awaits (docs/runtime.md); the values must still all
 * arrive. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

typedef struct { _Alignas(32) char c[32]; } big;

__attribute__((noinline)) async big mk(int i) {   /* completes at once */
    big b;
    memset(&b, i, sizeof b);
    return b;
}

static async long run(void) {
    long bad = 0;
    await ac_yield();                       /* onto a worker */
    for (int i = 0; i < 1000; i++) {
        big b = await mk(i);
        for (int k = 0; k < 32; k++)
            bad += b.c[k] != (char)i;
    }
    return bad;
}

int main(void) {
    printf("bad %ld\n", ac_wait(run()));
    return 0;
}
