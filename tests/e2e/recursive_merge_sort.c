/* a recursive async merge sort: each level suspends, recurses on both
 * halves of the caller's array (pointers into it), and merges through a
 * local scratch array on its own frame; the sorted result and the number
 * of comparisons are exact. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

#define N 64

static int comparisons;

static async void msort(int *a, int n) {
    if (n < 2)
        return;
    await ac_yield();
    int half = n / 2;
    await msort(a, half);
    await msort(a + half, n - half);
    int scratch[N];
    int i = 0, j = half, k = 0;
    while (i < half && j < n) {
        comparisons++;
        scratch[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    }
    while (i < half)
        scratch[k++] = a[i++];
    while (j < n)
        scratch[k++] = a[j++];
    await ac_yield();
    memcpy(a, scratch, (size_t)n * sizeof *a);
}

static async int run(void) {
    int data[N];
    unsigned x = 12345;
    for (int i = 0; i < N; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (int)((x >> 16) % 1000);
    }
    long sum0 = 0;
    int min = data[0], max = data[0];
    for (int i = 0; i < N; i++) {
        sum0 += data[i];
        min = data[i] < min ? data[i] : min;
        max = data[i] > max ? data[i] : max;
    }
    await msort(data, N);
    int sorted = 1;
    long sum = 0;
    for (int i = 0; i < N; i++) {
        if (i && data[i - 1] > data[i])
            sorted = 0;
        sum += data[i];
    }
    printf("sorted %d same sum %d min first %d max last %d\n", sorted, sum == sum0,
           data[0] == min, data[N - 1] == max);
    return comparisons;
}

int main(void) {
    int c = ac_wait(run());
    /* merging n elements takes between n/2 and n-1 comparisons per level */
    printf("comparisons within bounds %d\n", c >= N / 2 * 6 && c <= N * 6);
    return ac_shutdown(1000) != 0;
}
