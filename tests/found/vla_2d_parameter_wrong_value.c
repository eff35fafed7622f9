/* A two-dimensional VLA parameter, m[n][n], live across an await: asyncc
 * accepts it, but its frame field is declared at file scope with the
 * parameter's type, `__typeof__(int (*)[n]) m;`, where n does not exist:
 *   gen.c:18: error: 'n' undeclared here (not in a function)   (gcc and clang)
 * Plain C prints 5. */
#include <asyncc.h>
#include <stdio.h>

static async int diag(int n, int m[n][n]) {
    await ac_yield();
    return m[1][1];
}

int main(void) {
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    printf("%d\n", ac_wait(diag(3, m)));
    return 0;
}
