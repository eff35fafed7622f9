/* locals of many scalar types live across awaits keep their exact type:
 * double precision, long long beyond 32 bits, unsigned char wrap-around,
 * bool normalisation, enum constants, unsigned overflow, float, short,
 * and a char array used as a string. */
#include <asyncc.h>
#include <stdio.h>

enum color { RED = 1, GREEN = 2, BLUE = 4 };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    double d = 0.1;
    long long big = 1LL << 40;
    unsigned char uc = 250;
    bool flag = false;
    enum color c = RED;
    unsigned u = 4000000000u;
    float f = 1.5f;
    short s = -300;
    char name[8] = "abc";
    for (int i = 0; i < 10; i++) {
        d += await val(0) + 0.1;
        big += await val(1);
        uc += (unsigned char)await val(1);
        flag = await val(i * 7);       /* any nonzero becomes 1 */
        c |= (enum color)(await val(i) % 2 ? GREEN : BLUE);
        u += (unsigned)await val(100000000);
        f *= (float)await val(2);
        s -= (short)await val(1);
    }
    name[1] = (char)('A' + await val(25));
    printf("d %.15f\n", d);
    printf("big %lld\n", big);
    printf("uc %u\n", (unsigned)uc);
    printf("flag %d size %zu\n", flag, sizeof flag);
    printf("color %d\n", (int)c);
    printf("u %u\n", u);
    printf("f %.1f\n", (double)f);
    printf("s %d\n", s);
    printf("name %s\n", name);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
