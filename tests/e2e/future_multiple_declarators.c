/* Regression test (fixed): `ac_future(int) a, b;` (two declarators sharing the future type) is
 * rejected:
 *   error: automatic variable qualified with an address space
 * The compiler's internal view expands ac_future(T) to
 * `__typeof__(T) __attribute__((address_space(7))) *`, so the `*` binds
 * to `a` only and `b` gets the non-pointer qualified type.  In plain C,
 * ac_future(int) is the typedef ac_future_int and the declaration is valid
 * (SPEC §1: ac_future(T) is "the type of a future of T").  Fails in plain
 * functions and in async ones.  Expected output: 3 */
#include <asyncc.h>
#include <stdio.h>

static async int one(void) { await ac_yield(); return 1; }

int main(void) {
    ac_future(int) a, b;
    a = one();
    b = one();
    printf("%d\n", ac_wait(a) + 2 * ac_wait(b));
    return ac_shutdown(1000) != 0;
}
