/* The other file of debug/gdb-static-twins (see static_twin_a.c). */
#include <asyncc.h>
#include <stdio.h>

async int from_a(int n);

async int leafx(int n) {
    await ac_delay(1);
    return n * 2;                               /* @leafx-return */
}

static async int helper(int n) {
    int b = n * 10;
    await ac_delay(1);
    b += 5;
    return b;
}

int main(void) {
    int va = ac_wait(from_a(1));
    int vb = ac_wait(helper(2));
    printf("%d %d\n", va, vb);
    return ac_shutdown(1000) != 0;
}
