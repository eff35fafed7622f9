/* An async function returning a pointer to an array: refused, as one
 * returning a function pointer is, until its type is named by a typedef
 * (found by a hostile tester: the message spoke of function pointers). */
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
