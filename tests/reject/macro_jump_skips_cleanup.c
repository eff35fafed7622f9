/* A break or continue written in a macro's body that leaves the scope of a
 * __attribute__((cleanup)) local in a function that awaits: the lowering
 * calls the cleanup itself before each jump written in the function
 * (`{ done(&k); break; }`), and this one has no text to put the call before
 * (the cleanups were lost).  Refused; found by a hostile tester.  The
 * neighbours that work (a break of the macro's own do-while(0), a continue
 * of a loop inside the scope): tests/e2e/macro_jumps_lowered.c. */
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
