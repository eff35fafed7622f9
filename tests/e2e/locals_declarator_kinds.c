/* locals with unusual declarators live across awaits: a pointer to an
 * array, a function pointer and an array of them, typedef'd types, a
 * const local, a volatile local and a register local (whose address is
 * never taken). */
#include <asyncc.h>
#include <stdio.h>

typedef int row4[4];
typedef struct { int num, den; } ratio;
typedef int (*binop)(int, int);

static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int grid[2][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    int (*rowp)[4];                    /* pointer to an array */
    rowp = grid;
    rowp += await val(1);
    printf("rowp %d %d\n", (*rowp)[0], rowp[0][3]);
    row4 r;                            /* typedef'd array type */
    for (int i = 0; i < 4; i++)
        r[i] = 9 - i;
    row4 *rp = &r;
    await ac_yield();
    printf("row4 %d %zu\n", (*rp)[1], sizeof(row4));
    int (*op)(int, int) = add;
    int x = op(await val(2), 3);
    op = mul;
    x = op(x, await val(4));
    printf("fp %d\n", x);
    binop table[3] = {add, sub, mul};
    int acc = 10;
    for (int i = 0; i < 3; i++)
        acc = table[i](acc, await val(i + 2));
    printf("table %d\n", acc);
    ratio q = {await val(3), await val(4)};
    printf("ratio %d/%d\n", q.num, q.den);
    const int limit = await val(50);
    const char *const label = "lim";
    await ac_yield();
    printf("%s %d\n", label, limit);
    volatile int vol = 0;
    for (int i = 0; i < 5; i++)
        vol += await val(i);
    printf("volatile %d\n", vol);
    register int reg = 100;
    reg -= await val(1);
    await ac_yield();
    reg *= 2;
    printf("register %d\n", reg);
    printf("named %d %d\n", grid[1][0], r[0]);   /* both still named here */
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
