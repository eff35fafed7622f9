/* deep recursion where every level suspends (ac_yield) before and after
 * the recursive await: 5,000 levels of frames live at once, results
 * combine exactly; and a deep synchronous recursion (no suspension) that
 * completes without allocating. */
#include <asyncc.h>
#include <stdio.h>

static async long sum_to(int n) {
    if (n == 0)
        return 0;
    await ac_yield();
    long below = await sum_to(n - 1);
    await ac_yield();
    return below + n;
}

static async long depth_sync(int n) {
    if (n == 0)
        return 0;
    return 1 + await depth_sync(n - 1);
}

static async int tree(int depth) {     /* counts nodes of a binary tree */
    if (depth == 0)
        return 1;
    await ac_yield();
    return 1 + await tree(depth - 1) + await tree(depth - 1);
}

int main(void) {
    printf("sum_to(5000) %ld\n", ac_wait(sum_to(5000)));
    ac_stats st0, st1;
    ac_stats_get(&st0);
    long d = ac_wait(depth_sync(1000));
    ac_stats_get(&st1);
    printf("depth_sync %ld allocated %llu\n", d,
           (unsigned long long)(st1.allocated - st0.allocated));
    printf("tree(12) %d\n", ac_wait(tree(12)));
    return ac_shutdown(1000) != 0;
}
