/* Symmetric transfer (issue 15): when a child frame completes on a worker,
 * the parent awaiting it resumes inside that completion, without being
 * handed to a run queue, whether the child's frame is embedded in the
 * parent's (static, defined first) or not (defined after its caller).
 * Each child suspends once on ac_yield(), which its worker keeps in its
 * private back slot and does not count; before symmetric transfer, its
 * completion was a hand-off (the parent went to the LIFO slot), counted.
 * ac_stats.scheduled counts the hand-offs; this thread's own counter is
 * exact while it runs. */
#include <asyncc.h>
#include <stdio.h>

static async int child(int i) {
    await ac_yield();
    return i & 1;
}

async int late_child(int i);

static unsigned long long scheduled(void) {
    ac_stats s;
    ac_stats_get(&s);
    return (unsigned long long)s.scheduled;
}

static async long parent(int n) {
    await ac_yield();             /* on a worker from here on */
    long sum = 0;
    unsigned long long a = scheduled();
    for (int i = 0; i < n; i++)
        sum += await child(i);
    unsigned long long b = scheduled();
    for (int i = 0; i < n; i++)
        sum += await late_child(i);
    unsigned long long c = scheduled();
    printf("hand-offs per embedded child: %llu\n", (b - a) / n);
    printf("hand-offs per non-embedded child: %llu\n", (c - b) / n);
    return sum;
}

async int late_child(int i) {
    await ac_yield();
    return i & 1;
}

int main(void) {
    printf("sum: %ld\n", ac_wait(parent(1000)));
    return ac_shutdown(1000) != 0;
}
