/* await as the operand of casts and of every unary operator (-, +, ~, !,
 * and & / * on awaited pointers), next to sizeof of a non-await operand
; every await crosses a real suspension. */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int *ptr(int *p) {
    await ac_yield();
    return p;
}

static async double dval(double d) {
    await ac_yield();
    return d;
}

static async int run(void) {
    long l = (long)await val(7) * 1000000000L;
    printf("cast long %ld\n", l);
    unsigned char uc = (unsigned char)await val(300);
    printf("cast uchar %u\n", (unsigned)uc);
    int trunc = (int)await dval(3.99);
    printf("cast trunc %d\n", trunc);
    double d = (double)await val(1) / 4;
    printf("cast double %.2f\n", d);
    printf("neg %d\n", -await val(5));
    printf("plus %d\n", +await val(5));
    printf("compl %d\n", ~await val(0));
    printf("not %d %d\n", !await val(0), !await val(9));
    printf("notnot %d\n", !!await val(42));
    printf("neg neg %d\n", - -await val(3));
    int x = 11;
    printf("deref %d\n", *await ptr(&x));
    *await ptr(&x) = 12;
    printf("store %d\n", x);
    long arr[3] = {0, 0, 0};
    size_t s = sizeof arr[0] + (size_t)await val(1) + sizeof(arr);
    printf("sizeof %zu\n", s);
    size_t t = sizeof(int[4]) * (size_t)await val(2);
    printf("sizeof type %zu\n", t);
    printf("cast void %d\n", ((void)await val(1), 5));
    return calls;
}

int main(void) {
    printf("calls %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
