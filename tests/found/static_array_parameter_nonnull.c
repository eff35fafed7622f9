/* A parameter declared `int a[static 3]` (non-null, at least 3 elements):
 * the resume function passes a null pointer for it to the run function,
 * `(void)f__run(ac__fr, 1, (__typeof__(int) *){0});`, and gcc -Wall warns
 *   argument 3 to 'int[static 12]' is null where non-null expected [-Wnonnull]
 * (an error under -Werror).  Plain C compiles without a warning. */
#include <asyncc.h>
#include <stdio.h>

static async int third(int a[static 3]) {
    await ac_yield();
    return a[2];
}

int main(void) {
    int arr[3] = {1, 2, 3};
    printf("%d\n", ac_wait(third(arr)));
    return 0;
}
