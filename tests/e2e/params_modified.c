/* Parameters modified and read after an await keep their new values. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async long accumulate(int n, long start, const char *tag) {
    while (n > 0) {
        start += await val(n);
        n--;
    }
    printf("%s: n=%d start=%ld\n", tag, n, start);
    return start;
}

int main(void) {
    printf("%ld\n", ac_wait(accumulate(4, 100, "acc")));
    return ac_shutdown(1000) != 0;
}
