/* variable-length arrays are fine in an async function as long as no
 * await happens while they are in scope: a VLA sized by an awaited value
 * in a block that closes before the next await, one per loop iteration
 * between awaits, and sizeof of a VLA (evaluated at run time). */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static long sum_vla(int n) {   /* plain helper with its own VLA */
    long buf[n];
    long s = 0;
    for (int i = 0; i < n; i++) {
        buf[i] = (long)i * i;
        s += buf[i];
    }
    return s;
}

static async int run(void) {
    int n = await val(5);
    {
        int vla[n];
        vla[n - 1] = 0;   /* n is a task's result: gcc -O2 cannot see the loop fill it */
        for (int i = 0; i < n; i++)
            vla[i] = i * 3;
        printf("vla last %d size %zu\n", vla[n - 1], sizeof vla);
    }
    await ac_yield();
    long total = 0;
    for (int k = 1; k <= 3; k++) {
        int m = await val(k * 2);
        {
            double d[m];
            for (int i = 0; i < m; i++)
                d[i] = i + 0.5;
            total += (long)(d[m - 1] * 2) + (long)(sizeof d / sizeof d[0]);
        }
    }
    printf("total %ld\n", total);
    printf("helper %ld\n", sum_vla(await val(10)));
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
