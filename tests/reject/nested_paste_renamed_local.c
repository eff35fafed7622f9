/* The outer x is renamed ac__l_x (an inner x is declared in its scope); a
 * macro pastes its argument through another macro, so the generated code
 * named ac__l_x_len and did not compile (plain C: x_len, 3).  Refused, as
 * a direct ## in WL is. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define CAT(a, b) a##b
#define XCAT(a, b) CAT(a, b)
#define WL(v) ((v) + XCAT(v, _len))

static async int g(int k) {
    int x = k, x_len = 3;
    {
        int x = 9;
        x += await one(1);
    }
    return WL(x);
}

int main(void) {
    printf("%d\n", ac_wait(g(1)));
    return 0;
}
