/* A parameter declared with a variable length array type, a[n]: the resume
 * function calls the run function with every parameter zero, so the bound n
 * is 0 when the parameter's type is evaluated, and clang's UBSan
 * (-fsanitize=undefined, vla-bound) stops the program:
 *   runtime error: variable length array bound evaluates to non-positive value 0
 * Plain C prints 3.  (asyncc accepts the function; VLA *locals* are refused.) */
#include <asyncc.h>
#include <stdio.h>

static async int last(int n, int a[n]) {
    await ac_yield();
    return a[n - 1];
}

int main(void) {
    int arr[3] = {1, 2, 3};
    printf("%d\n", ac_wait(last(3, arr)));
    return 0;
}
