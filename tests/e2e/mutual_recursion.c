/* mutually recursive async functions declared by prototypes, each level
 * suspending before it recurses and after: results are exact and the
 * frames of all levels stay distinct. */
#include <asyncc.h>
#include <stdio.h>

static async bool is_even(int n);
static async bool is_odd(int n);

static async bool is_even(int n) {
    await ac_yield();
    if (n == 0)
        return true;
    bool r = await is_odd(n - 1);
    await ac_yield();
    return r;
}

static async bool is_odd(int n) {
    await ac_yield();
    if (n == 0)
        return false;
    return await is_even(n - 1);
}

/* Hofstadter female/male sequences: F(n) = n - M(F(n-1)), M(n) = n - F(M(n-1)) */
static async int hof_m(int n);

static async int hof_f(int n) {
    if (n == 0)
        return 1;
    await ac_yield();
    return n - await hof_m(await hof_f(n - 1));
}

static async int hof_m(int n) {
    if (n == 0)
        return 0;
    await ac_yield();
    return n - await hof_f(await hof_m(n - 1));
}

static async int run(void) {
    printf("even(10) %d odd(10) %d even(7) %d odd(301) %d\n", await is_even(10),
           await is_odd(10), await is_even(7), await is_odd(301));
    printf("F");
    for (int i = 0; i < 10; i++)
        printf(" %d", await hof_f(i));
    printf("\nM");
    for (int i = 0; i < 10; i++)
        printf(" %d", await hof_m(i));
    printf("\n");
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
