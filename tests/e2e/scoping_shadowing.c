/* Block scoping and shadowing across awaits: each x keeps its own value. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int scopes(void) {
    int x = 1;
    {
        int x = 2;
        await val(0);
        {
            int x = 3;
            await val(0);
            printf("inner %d\n", x);
        }
        printf("middle %d\n", x);
    }
    await val(0);
    printf("outer %d\n", x);
    for (int i = 0; i < 2; i++) {
        int x = 10 + i;
        await val(0);
        printf("loop %d\n", x);
    }
    return x;
}

int main(void) {
    printf("result %d\n", ac_wait(scopes()));
    return ac_shutdown(1000) != 0;
}
