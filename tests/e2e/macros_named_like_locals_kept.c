/* The valid neighbours of reject/macro_named_like_live_local: a
 * function-like macro named like a local that lives across an await (the
 * generated copies never call it), an object-like one named like a local
 * that does not live across an await, and one defined after a live
 * local's scope. */
#include <asyncc.h>
#include <stdio.h>
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    int count = 3;
#define count(x) ((x) * 2)
    int r = await id(1);
    printf("%d %d\n", count(count), r);
    {
        int once = 4;
#define once (once + 1)
        printf("%d\n", once);
    }
    r += await id(2);
    { int later = 5; later += await id(3); printf("%d\n", later); }
#define later 7
    printf("%d %d %d\n", count, r, later);
    return 0;
}
