/* every way a local array's address can be kept before an await makes
 * it escape, and the pointer still designates the array afterwards:
 * &a[i], a + i, &*a, a cast, a ?: operand, conversion to void *, &m[i]
 * of a 2-D array, *m, a struct member array decayed (s.a) and a member
 * element's address (&s.a[i]); while plain subscripts and sizeof of
 * arrays in between keep working. */
#include <asyncc.h>
#include <stdio.h>

struct holder { int a[3]; };

static async int run(void) {
    int a[6] = {0};
    int m[2][3] = {{0}};
    struct holder s = {{0}};
    int *p1 = &a[1];
    int *p2 = a + 2;
    int *p3 = &*a;
    int *p4 = (int *)a;
    int *p5 = a[0] == 0 ? a : NULL;
    void *p6 = a;
    int (*row)[3] = &m[1];
    int *first = *m;
    int *ms = s.a;
    int *me = &s.a[2];
    size_t sz = sizeof a + sizeof m[0];
    a[5] = (int)sz;
    await ac_yield();
    *p1 = 1;
    *p2 = 2;
    p3[3] = 3;
    p4[4] += 4;
    await ac_yield();
    p5[0] = 10;
    ((int *)p6)[5] += 100;
    (*row)[2] = 12;
    first[1] = 1;
    ms[0] = 5;
    await ac_yield();
    *me = 7;
    printf("a %d %d %d %d %d %d\n", a[0], a[1], a[2], a[3], a[4], a[5]);
    printf("m %d %d s %d %d %d\n", m[0][1], m[1][2], s.a[0], s.a[1], s.a[2]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
