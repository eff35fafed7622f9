/* declarations whose initializers await: several declarators in one
 * declaration (each initialised in order, a later one using an earlier
 * one), arrays whose size comes from their initializer (char s[] =
 * "...", int a[] = {...}), sizeof of the object being declared, an
 * anonymous struct local, and bit-field members assigned from awaits. */
#include <asyncc.h>
#include <stdio.h>

struct flags { unsigned small : 3; signed tiny : 5; unsigned bit : 1; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int a = await val(1), b = await val(a + 1), *p = &a, c = b * 10;
    *p += await val(5);
    printf("decl %d %d %d\n", a, b, c);
    char s[] = "hello";
    int arr[] = {await val(4), await val(5), await val(6)};
    s[0] = (char)('A' + await val(7));
    await ac_yield();
    printf("unsized %s %zu %zu %d\n", s, sizeof s, sizeof arr / sizeof arr[0], arr[2]);
    int n = (int)sizeof n + await val(1);
    printf("sizeof self %d\n", n);
    struct { int id; double w; const char *tag; } anon = {await val(9), 0.25, "anon"};
    anon.w *= await val(4);
    printf("anon %d %.2f %s\n", anon.id, anon.w, anon.tag);
    struct flags f = {0, 0, 0};
    f.small = (unsigned)await val(9) & 7u;   /* 9 & 7 == 1 */
    f.tiny = await val(-3);
    f.bit = await val(1) & 1;
    f.tiny -= await val(10);
    await ac_yield();
    printf("bits %u %d %u\n", (unsigned)f.small, (int)f.tiny, (unsigned)f.bit);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
