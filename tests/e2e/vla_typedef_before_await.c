/* A block-scope typedef of a variably modified type whose block ends
 * before the await: no resume jumps into its scope, so it is kept as
 * written (one in scope at an await is refused:
 * reject/vla_typedef_across_await).  Plain C prints 12. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int k) {
    int s;
    {
        typedef int row_t[k];
        s = (int)sizeof(row_t);
    }
    s += await one(0);
    return s;
}

int main(void) {
    printf("%d\n", ac_wait(f(3)));
    return 0;
}
