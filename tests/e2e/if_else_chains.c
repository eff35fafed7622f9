/* if / else if / else chains whose conditions await and have side
 * effects: conditions are tested in order, each at most once, stopping
 * at the first true one; a dangling else binds to the nearest if; and a
 * comma expression as a condition runs its left side first. */
#include <asyncc.h>
#include <stdio.h>

static int tests;

static async int is(int v, int want) {
    tests++;
    await ac_yield();
    return v == want;
}

static async const char *classify(int v) {
    if (await is(v, 0))
        return "zero";
    else if (await is(v, 1))
        return "one";
    else if (await is(v % 2, 0))
        return "even";
    else
        return "odd";
}

static async int run(void) {
    int in[] = {0, 1, 4, 7};
    for (int i = 0; i < 4; i++) {
        tests = 0;
        const char *c = await classify(in[i]);
        printf("%d %s tests %d\n", in[i], c, tests);
    }
    int x = 0;
    if (await is(1, 1))
        if (await is(1, 2))
            x = 1;
        else
            x = 2;                  /* binds to the inner if */
    printf("dangling %d\n", x);
    int n = 0;
    if (n++, await is(n, 1))
        printf("comma n %d\n", n);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
