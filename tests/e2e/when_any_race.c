/* ac_when_any: the first completed input wins (a completed input wins at
 * once, lowest index first), losers are consumed and freed when they
 * finish, the winner's value is read by awaiting its slot, and n == 0
 * gives (size_t)-EINVAL. */
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>

static async int after(int ms, int v) {
    await ac_delay((uint64_t)ms);
    return v;
}

static async int now(int v) {
    return v;
}

static async int run(void) {
    ac_future(int) race[3] = {after(300, 1), after(5, 2), after(400, 3)};
    size_t w = await ac_when_any(race, 3);
    printf("timed winner %zu value %d\n", w, await race[w]);

    ac_future(int) mixed[3] = {after(50, 10), now(20), now(30)};
    size_t m = await ac_when_any(mixed, 3);
    printf("completed winner %zu value %d\n", m, await mixed[m]);

    ac_future(int) rounds[4];
    int wins = 0;
    for (int r = 0; r < 4; r++) {
        rounds[0] = after(200, 0);
        rounds[1] = after(200, 1);
        rounds[2] = after(200, 2);
        rounds[3] = after(r * 2, 100 + r);
        size_t k = await ac_when_any(rounds, 4);
        wins += (k == 3) ? await rounds[k] : -1000;
    }
    printf("fast slot wins %d\n", wins);

    size_t e = await ac_when_any(rounds, 0);
    printf("empty %d\n", e == (size_t)-EINVAL);
    return 0;
}

int main(void) {
    ac_wait(run());
    printf("shutdown %ld\n", ac_shutdown(5000));
    return 0;
}
