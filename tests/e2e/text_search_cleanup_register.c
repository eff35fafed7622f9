/* Regression test (issue 11): the back end searched a declaration's text for
 * the words "cleanup" and "register".  `int n = cleanup_count();` live across
 * an await was refused as if it had a cleanup attribute, and `struct
 * register_set r[2]` live across an await was saved with `ac__fr->r = r;`
 * (an array assignment, which C refuses) as if it were a register variable.
 * Both are facts from libclang now; a real register variable still works. */
#include <asyncc.h>
#include <stdio.h>

struct register_set { int a, b; };

static int cleanup_count(void) { return 3; }

static async int f(void) {
    int n = cleanup_count();
    struct register_set r[2] = {{1, 2}, {3, 4}};
    register int k = 5;
    await ac_yield();
    r[1].b += n;
    await ac_yield();
    return n + r[0].a + r[1].b + k;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return ac_shutdown(1000) != 0;
}
