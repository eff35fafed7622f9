/* The README example shape: an await that completes synchronously, then
 * one that suspends on a timer. */
#include <asyncc.h>
#include <stdio.h>

static async int add(int a, int b) {
    return a + b;
}

static async int greet(const char *who) {
    int n = await add(20, 22);
    await ac_delay(5);
    printf("hello, %s: %d\n", who, n);
    return n;
}

int main(void) {
    printf("%d\n", ac_wait(greet("world")));
    return ac_shutdown(1000) != 0;
}
