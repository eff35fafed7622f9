/* ac_when_all and ac_when_any awaited from an async function.  They leave
 * each finished input completed in place: awaiting it then takes its value
 * at once. */
#include <asyncc.h>
#include <stdio.h>

static async int after(int ms, int v) {
    await ac_delay(ms);
    return v;
}

static async int run(void) {
    ac_future(int) all[3] = {after(3, 1), after(1, 2), after(2, 3)};
    await ac_when_all(all, 3);
    printf("all %d %d %d\n", await all[0], await all[1], await all[2]);
    ac_future(int) ready[2] = {after(0, 7), after(0, 8)};
    await ac_when_all(ready, 2);     /* may complete at once */
    printf("ready %d\n", await ready[0] + await ready[1]);
    ac_future(int) race[2] = {after(200, 1), after(1, 2)};
    size_t first = await ac_when_any(race, 2);
    printf("first %zu value %d\n", first, await race[first]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
