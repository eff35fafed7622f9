/* Regression test (fixed): a const-qualified array local that lives across an await,
 *   const char msg[] = "hi";   const int tbl[3] = {1, 2, 3};
 * is initialised in the frame with __builtin_memcpy(ac__fr->msg, ...),
 * whose destination is a pointer to const: gcc -Wall reports "passing
 * argument 1 of '__builtin_memcpy' discards 'const' qualifier"
 * (-Werror=discarded-qualifiers), clang "-Wincompatible-pointer-types-
 * discards-qualifiers".  Valid C; expected output: hi 5 */
#include <asyncc.h>
#include <stdio.h>

static async int run(void) {
    const char msg[] = "hi";
    const int tbl[3] = {1, 2, 3};
    await ac_yield();
    printf("%s %d\n", msg, tbl[1] + tbl[2]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
