/* a caller's locals (a scalar, a struct, an array) passed by pointer to
 * async callees that write through the pointers after their own
 * suspensions: the caller sees the writes in the same objects when its
 * await completes, and several callees write concurrently into distinct
 * elements of one local array. */
#include <asyncc.h>
#include <stdio.h>

struct acc { long sum; int count; };

static async void add_into(struct acc *a, int v) {
    await ac_yield();
    a->sum += v;
    await ac_yield();
    a->count++;
}

static async void fill(int *out, int n, int base) {
    for (int i = 0; i < n; i++) {
        await ac_yield();
        out[i] = base + i;
    }
}

static async void bump(int *x) {
    await ac_yield();
    ++*x;
}

static async int run(void) {
    int x = 0;
    struct acc a = {0, 0};
    int cells[12];
    for (int i = 0; i < 5; i++) {
        await bump(&x);
        await add_into(&a, i * i);
    }
    printf("x %d sum %ld count %d\n", x, a.sum, a.count);
    ac_future(void) parts[3];
    for (int k = 0; k < 3; k++)
        parts[k] = fill(&cells[k * 4], 4, k * 100);
    for (int k = 0; k < 3; k++)
        await parts[k];
    int total = 0;
    for (int i = 0; i < 12; i++)
        total += cells[i];
    printf("cells %d %d %d total %d\n", cells[0], cells[5], cells[11], total);
    return x;
}

int main(void) {
    printf("ret %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
