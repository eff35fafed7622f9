/* A statement expression without an await is copied as written: a return
 * in it would return from the generated function instead of completing
 * the task (a compile error, or a crash for async void), and a continue
 * in it would skip the increment of a loop whose increment awaits (a
 * hang).  Both refused (found by a hostile tester). */
#include <asyncc.h>

static async int one(int v) { await ac_yield(); return v; }

async int f(int n) {
    int k = ({ if (n < 0) return -1; n; });
    int s = 0;
    for (int i = 0; i < k; i += await one(1)) {
        ({ if (i == 2) continue; 0; });
        s += i;
    }
    return s;
}
