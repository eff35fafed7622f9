/* continue inside a do-while jumps to the condition, which awaits; the
 * body runs at least once even when the awaited condition is false. */
#include <asyncc.h>
#include <stdio.h>

static int conds;

static async int val(int v) {
    await ac_yield();
    return v;
}

static async bool more(int i, int n) {
    conds++;
    await ac_yield();
    return i < n;
}

static async int run(void) {
    int i = 0, odd = 0;
    do {
        i++;
        if (await val(i) % 2 == 0)
            continue;
        odd += i;
    } while (await more(i, 7));
    printf("i %d odd %d conds %d\n", i, odd, conds);
    int once = 0;
    do {
        once++;
        continue;
    } while (await more(5, 0));
    printf("once %d conds %d\n", once, conds);
    int outer = 0, inner = 0;
    do {
        int k = 0;
        do {
            if (++k == 2)
                continue;
            inner++;
        } while (await more(k, 3));
        outer++;
    } while (await more(outer, 2));
    printf("outer %d inner %d conds %d\n", outer, inner, conds);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
