/* Regression test (found by a hostile tester): the tree sees a macro's
 * invocation as a call, so a macro's body that takes the address of a
 * name given as its argument (`#define ADDR(v) (&(v))`) or writes it
 * (`SET`, `INC`, `SWAP`) went unseen: the pointer led into the dead ramp's
 * stack after the await, and a parameter written so was saved once, when
 * the frame was made, then restored stale.  libclang's facts now tell. */
#include <asyncc.h>
#include <stdio.h>

#define ADDR(v) (&(v))
#define SET(v, e) ((v) = (e))
#define INC(v) ((v)++)
#define SWAP(a, b) do { __typeof__(a) t_ = (a); (a) = (b); (b) = t_; } while (0)

static async int one(int v) { await ac_yield(); return v; }

static async int address(int k) {
    int y = k;
    int *p = ADDR(y);
    await one(1);
    *p += 10;
    await one(2);
    return y;
}

static async int writes(int a, int b, int c, int d) {
    await one(1);
    SET(a, a + 10);
    INC(b);
    SWAP(c, d);
    await one(2);
    return a * 1000 + b * 100 + c * 10 + d;
}

int main(void) {
    printf("%d\n", ac_wait(address(5)));
    printf("%d\n", ac_wait(writes(1, 2, 3, 4)));
    return ac_shutdown(1000) != 0;
}
