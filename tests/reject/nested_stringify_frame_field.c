/* A macro that stringifies its argument through another macro (XSTR, or
 * glibc's __STRING from <sys/cdefs.h>) saw the text asyncc substituted:
 * x is a frame field here (the frame is allocated on entry: &k), so SHOW(x)
 * printed "ac__fr->x=2" (plain C: "x=2").  Refused now, as a direct #v in
 * SHOW is: asyncc follows the argument into the macros the body passes it
 * to.  A plain local stringified so is fine
 * (e2e/macros_passing_arguments_on). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define STR(a) #a
#define XSTR(a) STR(a)
#define SHOW(v) printf("%s=%d\n", XSTR(v), (v))

static async int f(int k) {
    int x = k;
    int *p = &k;
    x += await one(1);
    SHOW(x);
    return x + *p;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
