/* Jumps written in a macro's body that the lowering need not rewrite: a
 * continue of a loop whose condition (not increment) awaits, a break out of
 * a loop whose increment awaits, a break of the macro's own do-while(0) and
 * a continue of a loop inside the scope of a local whose cleanup the
 * lowering calls, a return in a plain function.  (A return in an async
 * function's macro, a continue skipping an awaiting increment and a jump out
 * of such a cleanup's scope are refused: tests/reject/macro_*.) */
#include <asyncc.h>
#include <stdio.h>

#define SKIP_IF(c) if (c) continue
#define STOP_IF(c) if (c) break
#define ADD_UNLESS(c, t, v) do { if (c) break; (t) += (v); } while (0)
#define BAIL_IF(c, v) do { if (c) return (v); } while (0)

static int cleanups;
static void done(int *p) { (void)p; cleanups++; }
static async int one(int v) { await ac_yield(); return v; }

static int plain(int n) {
    BAIL_IF(n < 0, -1);
    return n;
}

static async int f(int n) {
    int t = 0;
    for (int i = 0; i < await one(n); i++) {
        SKIP_IF(i == 1);
        t += i;
    }
    for (int i = 0; i < n; i = await one(i + 1)) {
        STOP_IF(i == 3);
        t += 10 * i;
    }
    {
        __attribute__((cleanup(done))) int k = await one(2);
        ADD_UNLESS(k > 5, t, 100);
        for (int i = 0; i < 3; i++) {
            SKIP_IF(i == k);
            t += 1000;
        }
    }
    return t + plain(-4) + plain(1);
}

int main(void) {
    int r = ac_wait(f(4));
    printf("%d cleanups %d\n", r, cleanups);
    return 0;
}
