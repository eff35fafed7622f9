/* Regression test (found by a hostile tester): a while, for or do-while
 * condition that awaits and is written over two lines became
 * `if (!(ac__t0 +<newline> 1 < 4)) break; { n++; }`, the loop's body
 * after an unbraced break on the condition's last line, which clang
 * -Werror refused as misleading indentation.  The test is now braced. */
#include <asyncc.h>
#include <stdio.h>
static async int id(int x) { await ac_yield(); return x; }
async int main(void) {
    int n = 0, m = 0;
    while (await id(n) +
           1 < 4) { n++; }
    for (int i = 0; await id(i) <
         3; i++) m++;
    do { m++; } while (await id(m) <
                       9);
    printf("%d %d\n", n, m);
    return 0;
}
