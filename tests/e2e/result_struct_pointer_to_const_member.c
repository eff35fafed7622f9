/* A result struct whose members point to const data, or are const only
 * through a pointer: assignable, so accepted (a const member itself is
 * refused: reject/result_struct_with_const_member).  A const result type
 * is passed on without its qualifier. */
#include <asyncc.h>
#include <stdio.h>

struct named { const char *name; int n; const int *p; };

static const int seven = 7;

static async struct named mk(const char *name, int n) {
    await ac_yield();
    struct named r = { name, n, &seven };
    return r;
}

static async const int twice(int v) {
    await ac_yield();
    return 2 * v;
}

static async int f(void) {
    struct named a = await mk("a", 1);
    const int t = await twice(a.n);
    printf("%s %d %d\n", a.name, a.n + t, *(await mk("b", 2)).p);
    return t;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
