/* async results of types not covered elsewhere: a union, an enum, a
 * typedef'd struct, a struct holding an array, a function pointer
 * (through a typedef), long long, unsigned char and float, each returned
 * after a real suspension and also synchronously. */
#include <asyncc.h>
#include <stdio.h>

union bits { unsigned u; float f; };
enum level { LOW, MID = 5, HIGH };
typedef struct { char name[12]; int len; } label_t;
typedef int (*unop)(int);

static int negate(int x) { return -x; }
static int incr(int x) { return x + 1; }

static async union bits as_bits(float f, bool suspend) {
    if (suspend)
        await ac_yield();
    union bits b;
    b.f = f;
    return b;
}

static async enum level classify(int v, bool suspend) {
    if (suspend)
        await ac_yield();
    return v < 3 ? LOW : v < 7 ? MID : HIGH;
}

static async label_t make_label(const char *s, bool suspend) {
    label_t l = {"", 0};
    while (s[l.len] && l.len < 11) {
        l.name[l.len] = s[l.len];
        l.len++;
        if (suspend)
            await ac_yield();
    }
    return l;
}

static async unop pick(int which, bool suspend) {
    if (suspend)
        await ac_yield();
    return which ? incr : negate;
}

static async long long big(bool suspend) {
    if (suspend)
        await ac_yield();
    return -(1LL << 50);
}

static async unsigned char wrap(unsigned char c, bool suspend) {
    if (suspend)
        await ac_yield();
    return (unsigned char)(c + 10);
}

static async float third(bool suspend) {
    if (suspend)
        await ac_yield();
    return 1.0f / 3.0f;
}

static async int run(void) {
    for (int s = 0; s < 2; s++) {
        bool sus = s == 1;
        union bits b = await as_bits(1.0f, sus);
        printf("union %08x\n", b.u);
        printf("enum %d %d %d\n", (int)await classify(1, sus), (int)await classify(5, sus),
               (int)await classify(9, sus));
        label_t l = await make_label("asyncc", sus);
        printf("label %s %d\n", l.name, l.len);
        unop f0 = await pick(0, sus);
        printf("fp %d %d\n", f0(7), (await pick(1, sus))(7));
        printf("ll %lld\n", await big(sus));
        printf("uchar %u\n", (unsigned)await wrap(250, sus));
        printf("float %.6f\n", (double)await third(sus));
    }
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
