/* await in array subscripts on both sides of an assignment, as the array
 * operand (an awaited pointer), in the commuted form i[a], and in
 * multi-dimensional subscripts; each operand evaluated exactly once. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int *arr_of(int *p) {
    calls++;
    await ac_yield();
    return p;
}

static async int run(void) {
    int a[5] = {10, 11, 12, 13, 14};
    int b[5] = {0, 0, 0, 0, 0};
    b[await val(1)] = a[await val(3)];
    printf("b %d %d %d %d %d\n", b[0], b[1], b[2], b[3], b[4]);
    int *bp = await arr_of(b);
    bp[await val(4)] = (await arr_of(a))[0];
    printf("b4 %d\n", b[4]);
    printf("commuted %d\n", (await val(2))[a]);
    int m[3][4];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            m[i][j] = i * 10 + j;
    printf("2d %d\n", m[await val(2)][await val(3)]);
    m[await val(1)][await val(1)] += await val(100);
    printf("2d += %d\n", m[1][1]);
    a[a[await val(0)] - 10] = await val(99);
    printf("nested index %d\n", a[0]);
    b[await val(2)]++;
    ++b[await val(2)];
    printf("incdec %d\n", b[2]);
    return calls;
}

int main(void) {
    printf("calls %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
