/* A macro that stringifies its argument through another macro (XSTR, or
 * glibc's __STRING from <sys/cdefs.h>) sees the text asyncc substituted:
 * x is a frame field here (the frame is allocated on entry: &k), so SHOW(x)
 * prints "ac__fr->x=2".  Direct stringification (#v in SHOW itself) is
 * refused; one level of indirection is not detected.  The same with a
 * renamed local (an inner x declared in its scope: "ac__l_x=1") and with an
 * await as the argument (SHOW(await one(n)) prints "ac__t0 = 1").
 * Plain C prints "x=2" then 3. */
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
