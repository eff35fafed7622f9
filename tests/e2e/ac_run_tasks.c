/* ac_run runs plain functions on the pool and returns their futures:
 * awaited one by one from an async function, combined with
 * ac_when_all, and waited from plain C; arguments and results travel as
 * void pointers. */
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

struct job { int from, to; long sum; };

static void *sum_range(void *arg) {
    struct job *j = arg;
    j->sum = 0;
    for (int i = j->from; i <= j->to; i++)
        j->sum += i;
    return j;
}

static void *square_int(void *arg) {
    intptr_t v = (intptr_t)arg;
    return (void *)(v * v);
}

static async long run(void) {
    struct job one = {1, 100, 0};
    struct job *r = await ac_run(sum_range, &one);
    printf("one %ld same %d\n", r->sum, r == &one);
    struct job jobs[8];
    ac_future(void *) futs[8];
    for (int i = 0; i < 8; i++) {
        jobs[i].from = i * 1000 + 1;
        jobs[i].to = (i + 1) * 1000;
        futs[i] = ac_run(sum_range, &jobs[i]);
    }
    await ac_when_all(futs, 8);
    long total = 0;
    int same = 0;
    for (int i = 0; i < 8; i++) {
        struct job *j = await futs[i];
        total += j->sum;
        same += j == &jobs[i];
    }
    printf("jobs %ld same %d\n", total, same);
    intptr_t sq = (intptr_t)await ac_run(square_int, (void *)(intptr_t)12);
    return total + sq;
}

int main(void) {
    printf("run %ld\n", ac_wait(run()));
    printf("plain %ld\n", (long)(intptr_t)ac_wait(ac_run(square_int, (void *)(intptr_t)-9)));
    return ac_shutdown(1000) != 0;
}
