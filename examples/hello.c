/* hello.c: the smallest asyncc program worth reading.
 *
 * greet() awaits a timer, so it suspends: its frame moves to the heap and
 * a pool worker resumes it 10 ms later.  add() never awaits anything that
 * is pending, so calling it costs a function call and returns a completed
 * future without allocating.
 */
#include <asyncc.h>
#include <stdio.h>

static async int add(int a, int b) {
    return a + b;
}

static async int greet(const char *who) {
    int n = await add(20, 22);
    await ac_delay(10);
    printf("hello, %s: the answer is %d\n", who, n);
    return n;
}

int main(void) {
    int n = ac_wait(greet("world"));
    ac_shutdown(1000);   /* waits up to 1 s for stragglers */
    return n == 42 ? 0 : 1;
}
