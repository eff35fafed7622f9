/* Refused (found by a hostile tester): a pointer to a VLA in scope at an
 * await; the output did not compile (its frame field named k at file
 * scope, and the resume's goto entered the scope of a variably modified
 * type).  A block-scope VLA typedef is still open (tests/found). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }
static int grid[3][4];

static async int f(int k) {
    int (*p)[k] = (int (*)[k])grid;
    p[1][2] = 7;
    await one(1);
    return p[1][2];
}

int main(void) {
    printf("%d\n", ac_wait(f(4)));
    return 0;
}
