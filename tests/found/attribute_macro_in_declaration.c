/* A declaration inside an async function whose attribute (or alignment
 * specifier) comes from a macro -- systemd's _cleanup_(f), GLib's g_autofree,
 * a MAYBE_UNUSED -- is a syntax error for asyncc, which exits 1:
 *   15_attribute_macro_in_declaration.c:17:18: error: expected ';' before 'int'
 * (also `int x MAYBE_UNUSED = 3;`, `int MAYBE_UNUSED x`, `ALIGN16 int x`, and
 * `_cleanup_(done) int a = n;` with #define _cleanup_(f) __attribute__((cleanup(f)))).
 * A macro for a type or a qualifier (U8, CONST) is fine.  gcc and clang accept
 * the file; plain C prints 3.  Not listed among the known gaps of
 * docs/lowering.md. */
#include <asyncc.h>
#include <stdio.h>
#define MAYBE_UNUSED __attribute__((unused))

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    MAYBE_UNUSED int dbg = n;
    int t = await one(n);
    return t;
}

int main(void) { printf("%d\n", ac_wait(f(3))); return 0; }
