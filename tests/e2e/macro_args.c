/* await inside macro arguments that the macro evaluates once. */
#include <asyncc.h>
#include <stdio.h>

#define SQUARE_OF(x) square(x)
#define LOG(fmt, ...) printf("log: " fmt "\n", __VA_ARGS__)
#define CHECK(cond) ((cond) ? (void)0 : (void)printf("check failed\n"))

static int square(int x) { return x * x; }

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int macros(void) {
    int s = SQUARE_OF(await val(7));
    LOG("%d and %d", await val(1), s);
    CHECK(await val(1) == 1);
    return s;
}

int main(void) {
    printf("%d\n", ac_wait(macros()));
    return ac_shutdown(1000) != 0;
}
