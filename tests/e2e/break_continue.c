/* break and continue in loops whose bodies, conditions and increments
 * await. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int loops(void) {
    int sum = 0;
    for (int i = 0; i < 10; i = i + await val(1)) {
        if (i % 2)
            continue;
        if (i > 6)
            break;
        sum += await val(i);
    }
    printf("for %d\n", sum);
    int n = 0, odd = 0;
    do {
        n++;
        if (n % 2 == 0)
            continue;
        odd += n;
    } while (await val(n) < 7);
    printf("do %d %d\n", n, odd);
    int w = 0;
    while (1) {
        w += await val(1);
        if (w == 5)
            break;
    }
    printf("while %d\n", w);
    return sum + odd + w;
}

int main(void) {
    printf("result %d\n", ac_wait(loops()));
    return ac_shutdown(1000) != 0;
}
