/* parameters declared with array and function types are adjusted to
 * pointers (C11 6.7.6.3): int arr[] and int arr[3] can be advanced and
 * written through after awaits (the caller sees the writes), and a
 * function-pointer parameter whose own parameters are unnamed (or named)
 * can be called after awaits. */
#include <asyncc.h>
#include <stdio.h>

static int twice(int x) { return 2 * x; }

static async int walk(int arr[], int n) {
    int s = 0;
    for (int i = 0; i < n; i++) {
        await ac_yield();
        s += *arr;
        *arr++ = -1;
    }
    return s;
}

static async int fixed(int arr[3]) {
    await ac_yield();
    arr[2] = 7;
    arr += 1;
    return arr[0];
}

static async int apply(int (*fn)(int), int (*g)(int x), int v) {
    await ac_yield();
    return fn(v) + g(v);
}

static async int run(void) {
    int data[4] = {1, 2, 3, 4};
    int s = await walk(data, 3);
    printf("walk %d data %d %d %d %d\n", s, data[0], data[1], data[2], data[3]);
    int p = await fixed(data);
    printf("fixed %d data2 %d\n", p, data[2]);
    printf("apply %d\n", await apply(twice, twice, 5));
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
