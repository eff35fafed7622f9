/* A cleanup local whose scope ends after a statement that never ends (a
 * labelled return, a loop without a way out): no call is generated after
 * it (gcc -O0 with sanitizers took that dead call for a way off the end of
 * a non-void function: -Wreturn-type; found by a new user), and the
 * cleanup still runs once on each exit that exists. */
#include <asyncc.h>
#include <stdio.h>

static int cleaned;
static async int one(int v) { await ac_yield(); return v; }
static void done(int *p) { cleaned += *p; }

static async int forever_until(int n) {
    __attribute__((cleanup(done))) int top = 1;
    for (;;) {
        await ac_yield();
        n++;
        if (n > 3)
            return n + top;
    }
}

static async int labelled_return(int n) {
    __attribute__((cleanup(done))) int a = 10;
    await ac_yield();
    if (n)
        goto end;
    n++;
end:
    return n + a;
}

static async int while_one_with_break(int n) {
    int r = 0;
    {
        __attribute__((cleanup(done))) int b = 100;
        while (1) {
            r += await one(n);
            if (r > 5)
                break;
        }
    }
    return r;
}

int main(void) {
    int r = ac_wait(forever_until(0));
    printf("%d %d\n", r, cleaned);
    r = ac_wait(labelled_return(0));
    printf("%d %d\n", r, cleaned);
    r = ac_wait(labelled_return(5));
    printf("%d %d\n", r, cleaned);
    r = ac_wait(while_one_with_break(2));
    printf("%d %d\n", r, cleaned);
    return 0;
}
