/* brace initializer lists whose elements are awaits: arrays, structs,
 * nested braces, partially initialized aggregates (the rest is zero),
 * and a string member next to awaited members. */
#include <asyncc.h>
#include <stdio.h>

struct rec { int id; const char *name; int vals[3]; };

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int run(void) {
    int a[4] = {await val(1), await val(2)};
    printf("a %d %d %d %d\n", a[0], a[1], a[2], a[3]);
    struct rec r = {await val(7), "seven", {await val(1), await val(2), await val(3)}};
    printf("r %d %s %d %d %d\n", r.id, r.name, r.vals[0], r.vals[1], r.vals[2]);
    int m[2][2] = {{await val(1), await val(2)}, {await val(3)}};
    printf("m %d %d %d %d\n", m[0][0], m[0][1], m[1][0], m[1][1]);
    struct rec rs[2] = {{await val(1), "one", {0}}, {await val(2), "two", {await val(9)}}};
    printf("rs %d %s %d %s %d\n", rs[0].id, rs[0].name, rs[1].id, rs[1].name, rs[1].vals[0]);
    double d[] = {await val(1) / 2.0, await val(3) * 1.5};
    printf("d %zu %.1f %.1f\n", sizeof d / sizeof d[0], d[0], d[1]);
    return calls;
}

int main(void) {
    printf("calls %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
