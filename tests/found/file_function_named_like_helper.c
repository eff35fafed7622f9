/* Not refused: a file-scope function named like a helper the tool makes
 * for an async function (`id__run`) gives the C compiler's "conflicting
 * types for 'id__run'"; locals and parameters of such names are refused
 * with a clear message, file-scope names should be too. */
#include <asyncc.h>
#include <stdio.h>
static int id__run(int x) { return x; }
static async int id(int v) { await ac_yield(); return v; }
async int main(void) {
    printf("%d %d\n", id__run(1), await id(2));
    return 0;
}
