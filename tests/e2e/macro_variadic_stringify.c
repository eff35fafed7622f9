/* variadic macros whose variable arguments are awaits (__VA_ARGS__
 * expanded once), a stringified macro argument next to an awaited
 * argument, a string literal containing "await" passed along with awaits,
 * and token pasting next to an await. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

#define SHOW(name, expr) printf("%s = %d\n", #name, (expr))
#define SUM3(...) sum3(__VA_ARGS__)
#define PRINTF_ALL(fmt, ...) printf(fmt "\n", __VA_ARGS__)
#define FIELD(s, n) (s).f_##n

struct rec { int f_a, f_b; };

static int sum3(int a, int b, int c) { return a + b + c; }

static async int run(void) {
    SHOW(two, await val(2));
    SHOW(three_times_four, await val(3) * await val(4));
    printf("sum %d\n", SUM3(await val(1), await val(10), await val(100)));
    PRINTF_ALL("%d-%d-%s", await val(7), await val(8), "await text");
    struct rec r = {0, 0};
    FIELD(r, a) = await val(11);
    FIELD(r, b) += await val(12);
    printf("rec %d %d calls %d\n", r.f_a, r.f_b, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
