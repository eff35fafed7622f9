/* A file-scope function named like a helper asyncc makes for an async
 * function (`id__run`): it gave the C compiler's "conflicting types for
 * 'id__run'" in the generated file (found by a hostile tester); refused,
 * as locals and parameters of such names are. */
#include <asyncc.h>
#include <stdio.h>
static int id__run(int x) { return x; }
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    printf("%d %d\n", id__run(1), await id(2));
    return 0;
}
