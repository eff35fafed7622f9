/* setjmp called from a macro's body: refused as a written call is. */
#include <asyncc.h>
#include <setjmp.h>

#define TRY(jb) (setjmp(jb) == 0)

static async int one(int v) { await ac_yield(); return v; }

async int f(int k) {
    jmp_buf jb;
    if (TRY(jb))
        k += await one(1);
    return k;
}
