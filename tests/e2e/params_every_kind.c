/* parameters of every kind read and modified after awaits: a pointer
 * (re-pointed and written through), a function pointer (reassigned), an
 * array passed as a pointer (advanced), a const
 * parameter (only read), a double and an unsigned char that wraps. */
#include <asyncc.h>
#include <stdio.h>

static int twice(int x) { return 2 * x; }
static int square(int x) { return x * x; }

typedef int (*unop)(int);

static async int work(int *out, unop fn, int *arr, const int bias,
                      double scale, unsigned char small) {
    await ac_yield();
    *out = fn(arr[0]) + bias;
    fn = square;
    arr++;
    await ac_yield();
    *out += fn(arr[0]);
    out++;
    await ac_yield();
    *out = (int)(scale * bias);
    scale /= 4;
    small += 200;
    await ac_yield();
    printf("scale %.3f small %u arr0 %d bias %d\n", scale, (unsigned)small, arr[0], bias);
    return fn(bias);
}

static async int run(void) {
    int outs[2] = {0, 0};
    int data[3] = {3, 4, 5};
    int r = await work(outs, twice, data, 10, 2.5, 100);
    printf("outs %d %d r %d data %d\n", outs[0], outs[1], r, data[0]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
