/* Array parameters of functions that await: the run function takes each as
 * the pointer C adjusts it to, so a resume function's zero arguments
 * evaluate no VLA bound of 0 (a[n]) and pass no null where `static` says
 * non-null.  A 2-D m[n][n] is fine in a function that does not await, and
 * a pointer to a fixed-size row across an await.  (A parameter still
 * variably modified after adjustment in a function that awaits is refused:
 * tests/reject/vla_2d_parameter_across_await.) */
#include <asyncc.h>
#include <stdio.h>

static async int last(int n, int a[n]) {
    await ac_yield();
    return a[n - 1];
}

static async int third(int a[static 3]) {
    await ac_yield();
    return a[2];
}

static async int diag_now(int n, int m[n][n]) {
    return m[n - 1][n - 1];
}

static async int diag_rows(int m[][3], const int k[const 2]) {
    await ac_yield();
    return m[1][1] + k[1];
}

int main(void) {
    int arr[3] = {1, 2, 3};
    int m[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int k[2] = {10, 20};
    printf("%d %d %d %d\n", ac_wait(last(3, arr)), ac_wait(third(arr)),
           ac_wait(diag_now(3, m)), ac_wait(diag_rows(m, k)));
    return 0;
}
