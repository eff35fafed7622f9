/* A break or continue written in a macro's body that leaves the scope of a
 * __attribute__((cleanup)) local in an async function: the lowering calls the
 * cleanup itself before jumps written in the function (`{ done(&k); break; }`)
 * but not before one that comes from a macro, so that cleanup never runs.
 * Plain C prints "6 cleanups 4"; asyncc's output prints "6 cleanups 2"
 * (the i == 1 continue and the i == 3 break lose theirs: a leak when the
 * cleanup frees).  No diagnostic (a jump out of a statement expression in
 * such a scope is refused; this is not). */
#include <asyncc.h>
#include <stdio.h>

#define SKIP_IF(c) if (c) continue
#define STOP_IF(c) if (c) break

static int cleanups;
static void done(int *p) { (void)p; cleanups++; }
static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    int t = 0;
    for (int i = 0; i < n; i++) {
        __attribute__((cleanup(done))) int k = i;
        t += await one(k);
        SKIP_IF(i == 1);
        STOP_IF(i == 3);
    }
    return t;
}

int main(void) {
    int r = ac_wait(f(6));
    printf("%d cleanups %d\n", r, cleanups);
    return 0;
}
