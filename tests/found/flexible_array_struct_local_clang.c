/* Does not compile with clang -Werror: a local whose struct type has a
 * flexible array member, live across an await, is a typed frame field
 * followed by other fields (-Wgnu-variable-sized-type-not-at-end); it
 * should be stored as bytes.  gcc accepts it.  Plain C prints "5 1". */
#include <asyncc.h>
#include <stdio.h>
struct flex { int n; int d[]; };
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    struct flex fl = { 5 };
    int k = await id(1);
    printf("%d %d\n", fl.n, k);
    return 0;
}
