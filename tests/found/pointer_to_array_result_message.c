/* An async function whose result is a pointer to an array, written with a
 * declarator, is refused with a message about function pointers:
 *   error: an async function whose result is a function pointer must name
 *   that type with a typedef first (typedef int (*handler)(int); async
 *   handler pick(void))
 * (the refusal itself is not listed in docs/lowering.md's "Still
 * rejected").  Plain C prints 6. */
#include <asyncc.h>
#include <stdio.h>

static int tab[2][3] = { { 1, 2, 3 }, { 4, 5, 6 } };

static async int (*getrow(int i))[3] {
    await ac_yield();
    return &tab[i];
}

static async int f(void) {
    int (*row)[3] = await getrow(1);
    return (*row)[2];
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
