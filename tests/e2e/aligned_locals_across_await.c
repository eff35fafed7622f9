/* A local with an alignment written on it (up to 16, a frame's own
 * alignment) keeps it across an await: its field repeats the alignment as
 * written (over 16 the frame's _Static_assert refuses the function:
 * tests/tool/cli.sh, cli/overaligned-static-assert).  A copied local (its
 * value in the frame at suspensions) and one in a frame allocated on entry,
 * where its address is what the program sees. */
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int copied(int n) {
    __attribute__((aligned(16))) int x = n;
    _Alignas(8) char tag = 'a';
    for (int i = 0; i < 3; i++)
        x += await one(i);
    return x * 10 + (tag == 'a');
}

static async int at_entry(int n) {
    __attribute__((aligned(16))) int x = n;
    _Alignas(16) char buf[3] = {1, 2, 3};
    int misaligned = 0;
    for (int i = 0; i < 3; i++) {
        misaligned += (uintptr_t)&x % 16 != 0;
        misaligned += (uintptr_t)buf % 16 != 0;
        x += await one(buf[i]);
    }
    return misaligned ? -misaligned : x;
}

int main(void) {
    printf("%d %d\n", ac_wait(copied(4)), ac_wait(at_entry(10)));
    return ac_shutdown(1000) != 0;
}
