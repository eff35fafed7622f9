/* awaits as both operands of every binary operator not covered elsewhere:
 * / % << >> < <= > >= == != & ^ |, with the usual arithmetic conversions
 * (unsigned vs signed, integer promotion of unsigned char, double), and
 * every compound assignment operator with an awaited right side. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async unsigned uval(unsigned v) {
    await ac_yield();
    return v;
}

static async unsigned char ucval(unsigned char v) {
    await ac_yield();
    return v;
}

static async double dval(double v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    printf("div %d mod %d\n", await val(-17) / await val(5), await val(-17) % await val(5));
    printf("shl %d shr %d\n", await val(3) << await val(4), await val(-64) >> await val(3) < 0);
    printf("rel %d %d %d %d\n", await val(1) < await val(2), await val(2) <= await val(2),
           await val(1) > await val(2), await val(3) >= await val(4));
    printf("eq %d ne %d\n", await val(5) == await val(5), await val(5) != await val(5));
    printf("bits %d %d %d\n", await val(12) & await val(10), await val(12) ^ await val(10),
           await val(12) | await val(10));
    printf("unsigned cmp %d\n", await uval(1) > (unsigned)await val(-1));
    printf("uchar promote %d\n", await ucval(200) + await ucval(100));
    printf("uchar wrap %u\n", (unsigned)(unsigned char)(await ucval(200) + await ucval(100)));
    printf("mixed %.2f\n", await val(7) / await dval(2.0));
    printf("int div %d\n", await val(7) / await val(2));
    int x = 100;
    x <<= await val(2);
    x >>= await val(1);
    x %= await val(7);
    x ^= await val(5);
    x |= await val(8);
    x &= await val(12);
    x /= await val(2);
    x *= await val(-3);
    x -= await val(-1);
    printf("compound %d\n", x);
    double d = 1.0;
    d /= await dval(8.0);
    d += await val(1);
    printf("double compound %.3f\n", d);
    unsigned u = 5;
    u -= await uval(6);
    printf("unsigned wrap %u\n", u);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
