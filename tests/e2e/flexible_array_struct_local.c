/* Regression test (found by a hostile tester): a local whose struct type
 * has a flexible array member, live across an await, was a typed frame
 * field followed by other fields, which clang -Werror refused
 * (-Wgnu-variable-sized-type-not-at-end); the frame now holds it as
 * bytes, copied bytewise. */
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
