/* Regression tests (found by a hostile tester):
 * - an async function of 2 to 16 awaits whose name is also an object-like
 *   macro: AC__RESUMES pasted the prototype's name but passed the name on
 *   to another macro, which expanded it, so the resume thunks were named
 *   after the macro's text and called an undeclared function;
 * - __func__ in `async int main` named the lowered function main__async
 *   (and its size 12): it is "main". */
#include <asyncc.h>
#include <stdio.h>

#define worker worker_v2
static async int id(int v) { await ac_yield(); return v; }
static async int worker(int a) { int s = await id(a); return s + await id(s); }

async int main(void) {
    int r = await worker(1);
    printf("%d %s %zu\n", r, __func__, sizeof __func__);
    return 0;
}
