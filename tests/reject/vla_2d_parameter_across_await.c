/* A two-dimensional VLA parameter, m[n][n], in a function that awaits: its
 * adjusted type int (*)[n] is variably modified, which a frame field at file
 * scope cannot name (the output did not compile) and a resume function,
 * passing the parameters as zeros, would evaluate with n == 0.  Refused;
 * found by a hostile tester.  The neighbours that work (a[n], a[static 3],
 * m[][3], m[n][n] without an await): tests/e2e/array_parameters_adjusted.c. */
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
