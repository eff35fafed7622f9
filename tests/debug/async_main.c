/* An async main under gdb: the gdb extension knows its body is
 * main__async__run (async finish from a task it awaits lands there). */
#include <asyncc.h>

static async int child(int x) {
    await ac_delay(5);
    int y = x + 1;   /* @child-after */
    return y;
}

async int main(void) {
    int v = await child(1);   /* @main-await */
    return v == 2 ? 0 : 1;    /* @main-after */
}
