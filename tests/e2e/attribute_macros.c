/* Macros that expand to attributes or an alignment specifier, in local
 * declarations of an async function (before the type, after it, after the
 * declarator; plain locals and locals live across an await) and in its
 * header between `static` and `async`.  Found by a hostile tester (asyncc
 * refused the declarations: "expected ';' before 'int'"). */
#include <asyncc.h>
#include <stdio.h>

#define MAYBE_UNUSED __attribute__((unused))
#define ALIGNED(n) __attribute__((aligned(n)))
#define ALIGN16 _Alignas(16)
#define _cleanup_(f) __attribute__((cleanup(f)))

static int cleanups;
static void done(int *p) { cleanups += *p; }
static async int one(int v) { await ac_yield(); return v; }

/* A cleanup from a macro in a function that does not await: C calls it.
 * (In one that awaits it is refused: tests/reject/cleanup_attribute_from_macro.) */
static async int h(int n) {
    _cleanup_(done) int a = n;
    return a + 1;
}

static MAYBE_UNUSED async int f(int n) {
    MAYBE_UNUSED int dbg = n;
    int MAYBE_UNUSED quiet = 2;
    int x MAYBE_UNUSED = 3;
    ALIGN16 int z = n * 2;
    ALIGNED(8) long w = 5;
    int t = await one(n);
    return t + x + z + (int)w;
}

MAYBE_UNUSED static async int g(void) { return await f(1); }

int main(void) {
    printf("%d %d %d", ac_wait(f(3)), ac_wait(g()), ac_wait(h(4)));
    printf(" cleanups %d\n", cleanups);
    return 0;
}
