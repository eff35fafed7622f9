/* && and || chains of many awaits: evaluation stops at the first
 * deciding operand, each evaluated operand is awaited exactly once, and
 * the result is 0 or 1. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int all8(const int *v) {
    return await val(v[0]) && await val(v[1]) && await val(v[2]) && await val(v[3])
        && await val(v[4]) && await val(v[5]) && await val(v[6]) && await val(v[7]);
}

static async int any8(const int *v) {
    return await val(v[0]) || await val(v[1]) || await val(v[2]) || await val(v[3])
        || await val(v[4]) || await val(v[5]) || await val(v[6]) || await val(v[7]);
}

static const int ones[8] = {1, 2, 3, 4, 5, 6, 7, 8};
static const int zeros[8] = {0};
static const int mid[8] = {5, 5, 5, 0, 5, 5, 5, 5};
static const int late[8] = {0, 0, 0, 0, 0, 0, 9, 0};

static async int run(void) {
    const int *sets[4] = {ones, zeros, mid, late};
    const char *names[4] = {"ones", "zeros", "mid", "late"};
    for (int s = 0; s < 4; s++) {
        calls = 0;
        int a = await all8(sets[s]);
        int ac = calls;
        calls = 0;
        int o = await any8(sets[s]);
        printf("%s: all %d (%d calls) any %d (%d calls)\n", names[s], a, ac, o, calls);
    }
    calls = 0;
    int mix = (await val(1) && await val(0)) || ((await val(0) || await val(3)) && await val(4));
    printf("mix %d calls %d\n", mix, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
