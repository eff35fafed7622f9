/* An async function named with a universal character name: its frame
 * struct and site table name it the same way under gcc and clang (the
 * site table once pasted the name into another identifier, which clang
 * does not take for the spelled-out name). */
#include <asyncc.h>
#include <stdio.h>

static async int \u00e9t\u00e9(int v) {
    await ac_yield();
    return v + 1;
}

int main(void) {
    printf("%d\n", ac_wait(\u00e9t\u00e9(41)));
    return ac_shutdown(1000) != 0;
}
