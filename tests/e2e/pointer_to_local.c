/* A pointer to a local still points to the same object after any number
 * of suspensions: the frame never moves once the address is taken. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static void bump(int *p) { (*p)++; }

static async int pointers(void) {
    int count = 0;
    int *p = &count;
    struct { int a, b; } s = {1, 2};
    int *pb = &s.b;
    for (int i = 0; i < 5; i++) {
        await val(i);
        bump(p);
        *pb += 1;
    }
    printf("same object: %d, count %d, s.b %d\n", p == &count, count, s.b);
    return count;
}

int main(void) {
    printf("result %d\n", ac_wait(pointers()));
    return ac_shutdown(1000) != 0;
}
