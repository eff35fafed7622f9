/* An async function whose result is a struct with a const member: the
 * generated code assigns whole values of that type (the promise's setter,
 * the frame's result, the awaiter's temporary), which C forbids: the output
 * did not compile ("assignment of read-only member").  Refused at the
 * result type; a pointer-to-const member is fine
 * (e2e/result_struct_pointer_to_const_member). */
#include <asyncc.h>
#include <stdio.h>

struct C { const int a; int b; };

static async struct C mk(int v) {
    await ac_yield();
    struct C c = { v, v + 1 };
    return c;
}

static async int f(int n) {
    struct C c = await mk(n);
    return c.a + c.b + (await mk(n + 1)).a * 10 + (await mk(n + 2)).b * 100;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
