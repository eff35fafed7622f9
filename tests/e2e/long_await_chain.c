/* long chains: a chain of 2,000 async calls where each awaits the next
 * (the innermost suspends, so every level resumes through the chain
 * without growing the stack), a pipeline of 20,000 sequential awaits in
 * one frame, and a chain alternating suspending and completed levels. */
#include <asyncc.h>
#include <stdio.h>

static async long chain(int depth) {
    if (depth == 0) {
        await ac_yield();
        return 0;
    }
    long below = await chain(depth - 1);
    return below + depth;
}

static async int step(int v) {
    if (v % 3 == 0)
        await ac_yield();
    return v + 1;
}

static async int pipeline(int n) {
    int v = 0;
    for (int i = 0; i < n; i++)
        v = await step(v);
    return v;
}

static async long alternating(int depth) {
    if (depth == 0)
        return 1;
    if (depth % 2)
        await ac_yield();
    return 2 * await alternating(depth - 1) % 1000003;
}

int main(void) {
    printf("chain %ld\n", ac_wait(chain(2000)));
    printf("steps %d\n", ac_wait(pipeline(20000)));
    printf("alternating %ld\n", ac_wait(alternating(500)));
    return ac_shutdown(1000) != 0;
}
