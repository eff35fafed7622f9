/* Valid C refused: the tool's own parse sees the function under another
 * name, so `sizeof __func__` differs there ("static assertion failed due
 * to requirement 'sizeof __func__ == 7'").  Plain C compiles and prints 7. */
#include <asyncc.h>
#include <stdio.h>
static async int id(int v) { await ac_yield(); return v; }
static async int worker(int a) {
    _Static_assert(sizeof __func__ == 7, "size of __func__");
    int k = await id(a);
    return k + 6;
}
async int main(void) {
    printf("%d\n", await worker(1));
    return 0;
}
