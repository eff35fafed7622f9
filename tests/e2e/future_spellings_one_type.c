/* Regression test (issue 14): `ac_future(unsigned)` live across an await
 * failed with "incompatible types when assigning to type
 * 'ac_future_unsigned_int'": libclang spells the type `unsigned int`, which
 * named a second future type.  Every spelling of an arithmetic type names one
 * future type now, also in a frame allocated on entry. */
#include <asyncc.h>
#include <stdio.h>

static async unsigned u(void) { await ac_yield(); return 7u; }
static async long unsigned int lu(void) { await ac_yield(); return 8ul; }

static void keep(int *p) { (void)p; }

static async int f(void) {
    ac_future(unsigned) a = u();
    ac_future(unsigned int) b = u();
    ac_future(unsigned long) c = lu();
    await ac_yield();
    return (int)(await a + await b + await c);
}

static async int in_frame(void) {   /* &x: the frame is allocated on entry */
    int x = 1;
    keep(&x);
    ac_future(int unsigned) a = u();
    await ac_yield();
    return (int)await a + x;
}

int main(void) {
    printf("%d %d\n", ac_wait(f()), ac_wait(in_frame()));
    return ac_shutdown(1000) != 0;
}
