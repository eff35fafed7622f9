/* Does not compile (contrived): a macro named like a live local, defined
 * after the local, expands inside the copy list: `(count)` becomes
 * `ac__fr->(count + 100)`.  Plain C prints "103 1". */
#include <asyncc.h>
#include <stdio.h>
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    int count = 3;
#define count (count + 100)
    int r = await id(1);
    printf("%d %d\n", count, r);
    return 0;
}
