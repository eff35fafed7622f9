/* Regression test (found by a hostile tester): an initializer whose
 * awaited operand names the local being declared (`T *p = await
 * alloc(sizeof *p)`) did not compile: the future was made before the
 * declaration, where the name is not declared yet.  The local is now
 * declared first and assigned after the await: kept only until the next
 * statement (n), kept across later awaits (m, k), the second declarator
 * of a declaration. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

struct node { int v; struct node *next; };
static async void *alloc_async(size_t n) { await ac_yield(); return calloc(1, n); }
static async int id(int v) { await ac_yield(); return v; }

static async int plain(void) {
    struct node *n = await alloc_async(sizeof *n);
    n->v = 5;
    int v = n->v;
    free(n);
    return v;
}

async int main(void) {
    struct node *n = await alloc_async(sizeof *n), *m = await alloc_async(sizeof *m);
    int k = await id(sizeof k);
    n->v = await id(5);
    m->v = k + await plain();
    printf("%d %d\n", n->v, m->v);
    free(n);
    free(m);
    return 0;
}
