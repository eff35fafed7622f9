/* locals of less common types live across awaits: _Atomic int, long
 * double, double _Complex, a 16-byte-aligned struct type (the alignment
 * holds after the frame moves to the heap; more than 16 is refused, see
 * tests/reject/overaligned_local_across_await), and two sibling blocks
 * declaring the same name with different types, both live across awaits. */
#include <asyncc.h>
#include <complex.h>
#include <stdint.h>
#include <stdio.h>

typedef struct { _Alignas(16) char bytes[64]; } line64;

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    _Atomic int counter = 0;
    for (int i = 0; i < 4; i++)
        counter += await val(i);
    counter++;
    printf("atomic %d\n", (int)counter);
    long double ld = 1.5L;
    ld *= await val(3);
    ld /= await val(4);
    printf("long double %.4Lf\n", ld);
    double _Complex z = 1.0 + 2.0 * I;
    z *= await val(2);
    z += await val(1);
    printf("complex %.1f %.1f\n", creal(z), cimag(z));
    line64 line;
    line.bytes[63] = (char)await val(42);
    await ac_yield();
    printf("aligned %d last %d\n", (int)((uintptr_t)&line % 16 == 0), line.bytes[63]);
    {
        int x = await val(1);
        await ac_yield();
        printf("block int %d\n", x);
    }
    {
        double x = await val(2) + 0.5;
        await ac_yield();
        printf("block double %.1f\n", x);
    }
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
