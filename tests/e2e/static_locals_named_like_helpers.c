/* Regression test (issue 14): static locals named like the lowering's helpers
 * (box, run, ramp, resume_1) were moved to file scope as f__box ... and
 * collided with the helpers ("'f__box' redeclared as different kind of
 * symbol"); two block-scope statics of one name gave "redefinition of
 * 'f__n'".  Each static is one object shared by the ramp and the resume
 * function, and keeps its value between calls. */
#include <asyncc.h>
#include <stdio.h>

static async int f(void) {
    static int box = 1, run = 2, ramp = 3, resume_1 = 4;
    { static int n = 10; n++; await ac_yield(); box += n; }
    { static int n = 20; n++; await ac_yield(); box += n; }
    return box + run + ramp + resume_1;
}

static async int g(void) {   /* the same names in another function */
    static int box = 100;
    await ac_yield();
    return ++box;
}

int main(void) {
    int a = ac_wait(f());
    int b = ac_wait(f());
    int c = ac_wait(g());
    printf("%d %d %d\n", a, b, c);
    return ac_shutdown(1000) != 0;
}
