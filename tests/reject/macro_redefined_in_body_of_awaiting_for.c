/* A for loop whose increment awaits is rebuilt with its increment at the
 * end of the body, where the body's #undef/#define STEP would change it (C
 * reads the increment before the body: plain C prints 45, the output
 * printed 18).  Refused: a directive that changes macros in such a body.
 * A conditional group there is fine (e2e/directives_in_statements_kept). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
#define STEP 1

static async int f(int n) {
    int r = 0;
    for (int i = 0; i < n; i += await one(STEP)) {
        r += i;
#undef STEP
#define STEP 3
    }
    return r;
}

int main(void) {
    printf("%d\n", ac_wait(f(10)));
    return 0;
}
