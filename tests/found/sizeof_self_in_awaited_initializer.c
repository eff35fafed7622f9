/* Does not compile: an awaited operand that uses the variable being
 * declared (`T *p = await alloc(sizeof *p)`): the future is made before
 * the declaration, where `n` is not declared yet ("'n' undeclared").
 * Plain C prints 5. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
struct node { int v; struct node *next; };
static async void *alloc_async(size_t n) { await ac_yield(); return calloc(1, n); }
async int main(void) {
    struct node *n = await alloc_async(sizeof *n);
    n->v = 5;
    printf("%d\n", n->v);
    free(n);
    return 0;
}
