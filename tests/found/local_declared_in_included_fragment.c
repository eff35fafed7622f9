/* A local declared in a file #included inside an async body
 * (inc/local_decl.inc holds `int counter = n * 100;`) and live across
 * an await is neither kept in the frame nor refused (a local declared by a
 * macro is refused: "'x' is declared by a macro ..."): after the
 * suspension it holds garbage.  Compile the generated C with -I/tmp/hostile/bugs (the include is relative to the source).  Plain C
 * prints 101; the generated program, compiled by gcc -O0 -Wall -Wextra
 * -Werror without a word, prints other values (1, -1243620879, ...); gcc
 * -O2 and clang-19 at least warn "'counter' is used uninitialized"
 * (-Werror: no program).  A pointer to such a local dangles the same way. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
#include "inc/local_decl.inc"
    await one(1);
    return counter + n;
}

int main(void) {
    printf("%d\n", ac_wait(f(1)));
    return 0;
}
