/* awaited pointer values (object pointers, const char pointers and
 * function pointers) used in the middle of an expression that awaits
 * again afterwards: the first value is kept (spilled) across the later
 * suspension with its own pointer type. */
#include <asyncc.h>
#include <stdio.h>

typedef int (*unop)(int);

static int negate(int x) { return -x; }
static int incr(int x) { return x + 1; }

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int *ptr(int *p) {
    await ac_yield();
    return p;
}

static async const char *word(int i) {
    static const char *w[] = {"zero", "one", "two"};
    await ac_yield();
    return w[i];
}

static async unop pick(int which) {
    await ac_yield();
    return which ? incr : negate;
}

static async int run(void) {
    int a[4] = {10, 20, 30, 40};
    int b[4] = {0, 0, 0, 0};
    printf("index %d\n", (await ptr(a))[await val(2)]);
    (await ptr(b))[await val(3)] = (await ptr(a))[await val(1)];
    printf("store %d\n", b[3]);
    printf("words %s %s %s\n", await word(2), await word(0), await word(1));
    printf("calls %d %d\n", (await pick(0))(7), (await pick(1))(await val(7)));
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
