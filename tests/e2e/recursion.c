/* Recursive async functions, suspending at every level. */
#include <asyncc.h>
#include <stdio.h>

static async long fib(int n) {
    if (n < 2) {
        await ac_yield();
        return n;
    }
    long a = await fib(n - 1);
    long b = await fib(n - 2);
    return a + b;
}

int main(void) {
    printf("fib(15) = %ld\n", ac_wait(fib(15)));
    return ac_shutdown(1000) != 0;
}
