/* pointers into a local array (and into a local struct's member) keep
 * pointing at the same objects across many suspensions: walking a
 * pointer through the array, writing through it, and comparing it with
 * the array's own address after each await. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

struct box { int head; int items[6]; };

static async int run(void) {
    int arr[8] = {0};
    int *p = &arr[2];
    int *end = arr + 8;
    for (int i = 0; p < end; i++, p++) {
        *p = await val(i + 1);
        if (p != &arr[i + 2])
            printf("moved at %d\n", i);
    }
    printf("arr");
    for (int i = 0; i < 8; i++)
        printf(" %d", arr[i]);
    printf("\n");
    int *mid = &arr[4];
    mid[-1] += await val(100);
    mid[1] += await val(200);
    printf("mid %d %d %d same %d\n", arr[3], arr[4], arr[5], mid == arr + 4);
    struct box b = {7, {0}};
    int *q = b.items;
    int *h = &b.head;
    for (int k = 0; k < 6; k++) {
        q[k] = await val(k * k);
        *h += q[k];
    }
    printf("box head %d last %d same %d\n", b.head, b.items[5], q == b.items);
    return (int)(end - arr);
}

int main(void) {
    printf("len %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
