/* await inside compound literals: struct and array literals whose
 * elements are awaited, a literal subscripted at once, and a literal
 * passed by pointer to a function. */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static int sum3(const int *p) { return p[0] + p[1] + p[2]; }

static async int run(void) {
    struct pt p = (struct pt){await val(1), await val(2)};
    printf("pt %d %d\n", p.x, p.y);
    int second = (int[]){await val(10), await val(20), await val(30)}[1];
    printf("second %d\n", second);
    printf("sum %d\n", sum3((int[3]){await val(4), 5, await val(6)}));
    struct pt q = (struct pt){.y = await val(8)};
    printf("q %d %d\n", q.x, q.y);
    int dist = (struct pt){await val(3), await val(4)}.x * 10;
    printf("dist %d\n", dist);
    struct pt *pp = &(struct pt){await val(5), 6};
    printf("pp %d %d\n", pp->x, pp->y);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
