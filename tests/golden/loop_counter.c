/* A loop that suspends: the counter and the total are hoisted, the loop
 * stays a loop, and the resume function jumps back into its body. */
#include <asyncc.h>

async long count_up(int n) {
    long total = 0;
    for (int i = 0; i < n; i++) {
        await ac_yield();
        total += i;
    }
    return total;
}
