/* hoisted locals initialised in their declarations, whatever the
 * declarator: a pointer to an array, a pointer to an array of pointers,
 * a typedef'd array type with a brace list, const arrays (a string and a
 * list), several future declarators in one declaration, and locals
 * declared with __typeof__ and __auto_type. */
#include <asyncc.h>
#include <stdio.h>

typedef int row4[4];
struct pt { int x, y; };

static char *names[2] = {"ann", "bo"};

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int grid[2][4] = {{1, 2, 3, 4}, {5, 6, 7, 8}};
    int (*rowp)[4] = grid;
    char *(*np)[2] = &names;
    row4 r = {9, 8, 7, 6};
    const char msg[] = "const";
    const int tbl[3] = {1, 2, 3};
    ac_future(int) fa = val(1), fb = val(2);
    struct pt p = {3, 4};
    __typeof__(p.x) tx = await val(5);
    __typeof__(&p) pp = &p;
    __auto_type au = await val(6);
    await ac_yield();
    rowp++;
    printf("rowp %d %d\n", (*rowp)[0], rowp[0][3]);
    printf("np %s %s\n", (*np)[0], (*np)[1]);
    printf("row4 %d %d\n", r[0], r[3]);
    printf("const %s %d\n", msg, tbl[0] + tbl[1] + tbl[2]);
    printf("futures %d\n", await fa * 10 + await fb);
    printf("typeof %d %d auto %d\n", tx, pp->y, au);
    return grid[0][0];
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
