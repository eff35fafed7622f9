/* An expression statement whose comma or ?: operands are awaits leaves its
 * value alone as a statement in the generated code (`ac__t1;`): gcc says
 * "statement with no effect" and clang "expression result unused"
 * (-Wunused-value, in -Wall), which -Werror turns into errors.  The plain C
 * program (the calls instead of the awaits) gets no warning from either. */
#include <asyncc.h>
#include <stdio.h>

static int calls;
static async int one(int v) { calls++; await ac_yield(); return v; }

static async void f(int r) {
    await one(1), await one(2);
    r ? await one(3) : await one(4);
}

int main(void) {
    ac_wait(f(1));
    printf("%d\n", calls);
    return 0;
}
