/* GNU extensions that gcc and clang accept in C11 mode, next to awaits:
 * case ranges in a switch on an await, a designated range initializer
 * whose awaited value is evaluated once for all elements, the ?: with an
 * omitted middle operand, __builtin_expect around an await, and
 * __attribute__((unused)) on a local that lives across an await. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async const char *bucket(int v) {
    switch (await val(v)) {
    case 0 ... 9:
        return "small";
    case 10 ... 99:
        return "medium";
    default:
        return "large";
    }
}

static async int run(void) {
    for (int i = 0; i < 3; i++) {
        const char *b = await bucket(i == 0 ? 3 : i == 1 ? 42 : 500);
        printf("%s%s", b, i < 2 ? " " : "\n");
    }
    calls = 0;
    int a[6] = {[0 ... 3] = await val(7), [4 ... 5] = await val(8)};
    await ac_yield();
    printf("range init %d %d %d calls %d\n", a[0], a[3], a[5], calls);
    int x = await val(0) ?: await val(5);
    int y = await val(4) ?: await val(6);
    printf("elvis %d %d\n", x, y);
    if (__builtin_expect(await val(1), 1))
        printf("expected\n");
    __attribute__((unused)) int spare = await val(9);
    await ac_yield();
    printf("calls %d\n", calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
