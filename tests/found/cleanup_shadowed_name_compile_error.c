#include <asyncc.h>
#include <stdio.h>
static void done(int *p) { printf("~%d\n", *p); }
static async int g(int n) {
    await ac_yield();
    {
        __attribute__((cleanup(done))) int a = n;
        { enum { a = 3 }; if (n > 1) return a; }
        { int done = 4; if (n > 2) return done; }
    }
    return 0;
}
int main(void) { printf("%d\n", ac_wait(g(5))); return 0; }
