/* Does not compile with clang -Werror: a while condition that awaits and
 * spans two lines becomes `if (!(ac__t0 +<newline> 1 < 4)) break; { n++; }`
 * on lines clang reads as misleading indentation
 * (-Wmisleading-indentation).  gcc accepts it.  Plain C prints 3. */
#include <asyncc.h>
#include <stdio.h>
static async int id(int x) { await ac_yield(); return x; }
async int main(void) {
    int n = 0;
    while (await id(n) +
           1 < 4) { n++; }
    printf("%d\n", n);
    return 0;
}
