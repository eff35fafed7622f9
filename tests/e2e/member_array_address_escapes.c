/* Regression test (fixed): taking the address of an element of an array that is a struct
 * member (&s.a[2]) or letting that member array decay (int *q = s.a) is
 * not seen as the local's address escaping: the frame is still built on
 * the ramp's stack and copied to the heap at the first suspension, so q
 * keeps pointing at the stale stack copy.  The write through q is lost
 * (prints 3) or ASan reports stack-use-after-return (with
 * ASAN_OPTIONS=detect_stack_use_after_return=1, or for the s.a form).
 * &s.b (scalar member), &x and &m[1][2] (plain arrays) are handled.
 * SPEC §1: "a frame is never moved after a local's address may have
 * escaped".  Expected output: 9 9 */
#include <asyncc.h>
#include <stdio.h>

struct S { int a[3]; };

static async int run(void) {
    struct S s = {{1, 2, 3}};
    struct S t = {{1, 2, 3}};
    int *q = &s.a[2];
    int *r = t.a;
    await ac_yield();
    *q = 9;
    r[2] = 9;
    printf("%d %d\n", s.a[2], t.a[2]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
