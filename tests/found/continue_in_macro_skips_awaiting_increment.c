/* A `continue` written in a macro's body, in a for loop whose increment
 * awaits: asyncc rebuilds the loop around for (;;) and rewrites a continue
 * into a goto to the increment, but not one that comes from a macro body;
 * that continue restarts the loop without the increment: the program never
 * ends (i stays 1).  Plain C prints 5. */
#include <asyncc.h>
#include <stdio.h>

#define SKIP_IF(c) if (c) continue

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int t = 0;
    for (int i = 0; i < n; i = await one(i + 1)) {
        SKIP_IF(i == 1);
        t += i;
    }
    return t;
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return 0;
}
