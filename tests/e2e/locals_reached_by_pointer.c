/* locals that are reached only through pointers after an await (never
 * named again) must still live in the frame: a scalar via a pointer, an
 * array via a decayed pointer and via a table of pointers, an array of
 * futures handed to ac_when_all, and arrays that are members of structs
 * (&s.a[i], s.a); the frame must not move once such an address exists. */
#include <asyncc.h>
#include <stdio.h>

struct holder { int a[3]; int tag; };

static int ticks;

static async void tick(void) {
    await ac_yield();
    ticks++;
}

static async int first_of(const int *v) {
    await ac_yield();
    return v[0];
}

static async int run(void) {
    int x = 7;
    int *px = &x;
    int arr[3] = {1, 2, 3};
    int *pa = arr;
    int ones[2] = {10, 11}, twos[2] = {20, 21};
    const int *table[2] = {ones, twos};
    ac_future(void) ticks_f[3];
    for (int i = 0; i < 3; i++)
        ticks_f[i] = tick();
    struct holder s = {{4, 5, 6}, 0}, t = {{7, 8, 9}, 0};
    int *ps = &s.a[2];
    int *pt = t.a;
    await ac_when_all(ticks_f, 3);
    await ac_yield();
    *px += 1;
    pa[2] += 10;
    *ps *= 10;
    pt[1] = -pt[1];
    printf("x %d arr %d table %d %d\n", *px, pa[2], await first_of(table[0]),
           await first_of(table[1]));
    printf("member arrays %d %d ticks %d\n", *ps, pt[1], ticks);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
