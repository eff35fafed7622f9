/* Every kind of result type: void, scalars, pointers, structs, typedefs;
 * static async functions, async prototypes, and pointers to async
 * functions. */
#include <asyncc.h>
#include <stdio.h>

struct point { int x, y; };
typedef unsigned long ulong_t;

async double half(int n);                 /* an async prototype */
static async void say(const char *s);

static async struct point make_point(int x, int y) {
    await ac_yield();
    struct point p = {x, y};
    return p;
}

static async const char *pick(int i) {
    static const char *names[] = {"zero", "one", "two"};
    await ac_yield();
    return names[i];
}

static async ulong_t big(void) {
    await ac_yield();
    return 1UL << 40;
}

static async bool is_even(int n) {
    return n % 2 == 0;
}

async double half(int n) {
    await ac_yield();
    return n / 2.0;
}

static async void say(const char *s) {
    await ac_yield();
    printf("say %s\n", s);
}

static async int run(void) {
    struct point p = await make_point(3, 4);
    printf("point %d %d\n", p.x, p.y);
    printf("pick %s\n", await pick(2));
    printf("big %lu\n", await big());
    printf("even %d %d\n", await is_even(4), await is_even(5));
    printf("half %.1f\n", await half(7));
    await say("hi");
    ac_future(double) (*fp)(int) = half;  /* pointer to an async function */
    printf("via pointer %.1f\n", await fp(9));
    return 0;
}

int main(void) {
    ac_wait(run());
    ac_future(bool) f = is_even(10);      /* plain C sees a future */
    printf("plain %d\n", ac_wait(f));
    return ac_shutdown(1000) != 0;
}
