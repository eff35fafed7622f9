/* Regression: an async function with an empty body, the smallest one
 * there is (the tool once called qsort(NULL, 0), which UBSan reports). */
#include <asyncc.h>
#include <stdio.h>

async void f(void) {}

int main(void) {
    ac_wait(f());
    puts("done");
    ac_shutdown(0);
    return 0;
}
