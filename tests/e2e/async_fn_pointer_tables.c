/* pointers to async functions stored in arrays and struct members,
 * chosen at run time and awaited; a table of them iterated with awaits;
 * and a struct of handlers passed to an async function by pointer. */
#include <asyncc.h>
#include <stdio.h>

static async int add1(int x) { await ac_yield(); return x + 1; }
static async int dbl(int x) { await ac_yield(); return x * 2; }
static async int sq(int x) { return x * x; }         /* completes at once */

typedef ac_future(int) (*async_op)(int);

struct handlers {
    const char *name;
    ac_future(int) (*first)(int);
    async_op second;
};

static async int apply_all(const struct handlers *h, int v) {
    int a = await h->first(v);
    return await h->second(a);
}

static async int run(void) {
    async_op ops[3] = {add1, dbl, sq};
    int v = 3;
    for (int i = 0; i < 3; i++)
        v = await ops[i](v);
    printf("pipeline %d\n", v);
    ac_future(int) (*pick)(int) = v > 50 ? dbl : add1;
    printf("picked %d\n", await pick(10));
    struct handlers hs[2] = {{"a", add1, sq}, {"b", sq, dbl}};
    for (int i = 0; i < 2; i++)
        printf("%s %d\n", hs[i].name, await apply_all(&hs[i], 4));
    int acc = 0;
    for (int r = 0; r < 3; r++)
        for (int i = 2; i >= 0; i--)
            acc = await ops[i](acc) % 1000;
    printf("acc %d\n", acc);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
