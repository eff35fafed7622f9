/* A parameter written only by an asm statement's output operand between
 * two awaits: the tree keeps asm operands as text, so the write went
 * unseen and the resume function restored the parameter's value from
 * entry (1).  Any local or parameter an asm statement names now counts as
 * written, also in a macro's body (libclang's operands: SET42).
 * Plain C prints 42 8 42. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int param_out(int n) {
    await one(1);
    __asm__("movl $42, %0" : "=r"(n));
    await one(2);
    return n;
}

#define SET42(v) __asm__("movl $42, %0" : "=r"(v))

static async int macro_out(int n) {
    await one(1);
    SET42(n);
    await one(2);
    return n;
}

static async int local_out(int n) {
    int m = 0;
    await one(1);
    __asm__ volatile("movl $7, %0" : "=r"(m));
    await one(2);
    return n + m;
}

int main(void) {
    printf("%d %d %d\n", ac_wait(param_out(1)), ac_wait(local_out(1)), ac_wait(macro_out(1)));
    return 0;
}
