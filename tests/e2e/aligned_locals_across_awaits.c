/* Alignment written on a local live across an await (_Alignas, GNU aligned,
 * and a type's own alignment) is found from libclang's attribute cursors and
 * repeated on its frame field: a local whose address is taken lives in the
 * frame, so the field must keep the alignment. */
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

static int aligned(const void *p, uintptr_t n) { return (uintptr_t)p % n == 0; }

static async int f(void) {
    _Alignas(16) char a[3] = {1, 2, 3};
    int b __attribute__((aligned(8), unused)) = 4;
    __attribute__((aligned(16))) short c = 5;
    char pad = 1;
    const char *pa = a;   /* a decays: the frame is allocated on entry */
    await ac_yield();
    int ok = aligned(pa, 16) && aligned(&b, 8) && aligned(&c, 16);
    await ac_yield();
    return ok * (a[2] + b + c + pad);
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return ac_shutdown(1000) != 0;
}
