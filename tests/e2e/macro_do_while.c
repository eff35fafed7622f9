/* statement macros in the do { ... } while (0) style whose arguments are
 * awaits (or contain them), used as single statements under if/else
 * without braces; each argument appears once in the macro body, so each
 * await runs exactly once. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

#define STORE(dst, expr) do { (dst) = (expr); } while (0)
#define ADD_TWICE_RESULT(dst, expr) do { int t_ = (expr); (dst) += 2 * t_; } while (0)
#define LOG_IF(cond, msg) do { if (cond) printf("%s\n", msg); } while (0)
#define SHIFT_IN(a, b, expr) do { (b) = (a) + (expr); } while (0)

static async int run(void) {
    int x = 0, y = 1, z = 0;
    STORE(x, await val(5));
    if (x > 3)
        ADD_TWICE_RESULT(x, await val(10));
    else
        STORE(x, -1);
    printf("x %d calls %d\n", x, calls);
    LOG_IF(await val(1), "logged");
    LOG_IF(await val(0), "not logged");
    for (int i = 0; i < 4; i++)
        SHIFT_IN(y, y, await val(i));
    z = y;
    printf("y %d z %d calls %d\n", y, z, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
