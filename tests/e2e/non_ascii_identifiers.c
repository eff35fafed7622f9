/* Regression test (fixed): valid C rejected.  An identifier with a non-ASCII character,
 * written in UTF-8 (café) or as a universal character name (caf\u00e9),
 * C11 6.4.2.1, accepted by gcc -std=c11 and clang-19: the tool reads it
 * as `caf` and stops with
 *   error: 'caf' lives across an await and is used inside a macro's body
 *   here: pass it to the macro as an argument
 * (the caret line shows the UTF-8 bytes as "??").  Expected output: 3 4 */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) { await ac_yield(); return v; }

static async int run(void) {
    int café = await val(3);
    int na\u00efve = await val(4);
    await ac_yield();
    printf("%d %d\n", café, na\u00efve);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
