/* ac_when_all and ac_when_any over futures of other result types: a
 * struct (values read back from each completed slot), double, long and
 * void *, with suspending and already completed inputs mixed. */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };

static async struct pt mk(int i) {
    if (i % 2)
        await ac_yield();
    struct pt p = {i, i + 1};
    return p;
}

static async double dslow(void) {
    await ac_delay(300);
    return 1.5;
}

static async double dfast(void) {
    await ac_yield();
    return 2.5;
}

static async long lval(long v) {
    await ac_yield();
    return v * 1000000000L;
}

static char tags[3][4] = {"a", "b", "c"};

static async void *tag(int i) {
    if (i)
        await ac_delay(20);   /* surely later than the completed tag(0) */
    return tags[i];
}

static async int run(void) {
    ac_future(struct pt) fs[4];
    for (int i = 0; i < 4; i++)
        fs[i] = mk(i);
    await ac_when_all(fs, 4);
    int s = 0;
    for (int i = 0; i < 4; i++) {
        struct pt p = await fs[i];
        s += p.x * 10 + p.y;
    }
    printf("structs %d\n", s);
    ac_future(double) ds[2];
    ds[0] = dslow();
    ds[1] = dfast();
    size_t w = await ac_when_any(ds, 2);
    printf("double winner %zu %.1f\n", w, await ds[w]);
    ac_future(long) ls[3];
    for (int i = 0; i < 3; i++)
        ls[i] = lval(i + 1);
    await ac_when_all(ls, 3);
    printf("longs %ld\n", await ls[0] + await ls[1] + await ls[2]);
    ac_future(void *) ps[3];
    for (int i = 0; i < 3; i++)
        ps[i] = tag(2 - i);
    size_t first = await ac_when_any(ps, 3);
    printf("completed first %zu %s\n", first, (char *)await ps[first]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
