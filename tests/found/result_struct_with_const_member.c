/* An async function whose result is a struct with a const member: the
 * generated code assigns whole values of that type (the future's promise
 * setter `AC__RESULT(T, p) = v`, `ac__fr->ac__result = ac__r`, the await's
 * `ac__t0 = AC__RESULT(...)`), which C forbids: "assignment of read-only
 * member 'r'", "assignment of read-only member 'ac__result'",
 * "assignment of read-only variable 'ac__t0'" (gcc; clang alike).
 * Plain C prints 423. */
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
