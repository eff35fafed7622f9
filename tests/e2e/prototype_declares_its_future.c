/* Regression test (issue 14): a prototype whose future type asyncc declares
 * (`async unsigned f(void);`) stopped the tool with "internal error at
 * compiler/emit.c:36: overlapping edits": the declaration was inserted at
 * the offset of the words it replaced, after them. */
#include <asyncc.h>
#include <stdio.h>

struct point { int x, y; };

static async unsigned f(void);
static async struct point g(int x);

int main(void) {
    struct point p = ac_wait(g(3));
    printf("%u %d %d\n", ac_wait(f()), p.x, p.y);
    return ac_shutdown(1000) != 0;
}

static async unsigned f(void) {
    await ac_yield();
    return 7u;
}

static async struct point g(int x) {
    await ac_yield();
    return (struct point){x, x + 1};
}
