/* A cleanup attribute made by a macro (systemd's _cleanup_) in an async
 * function that awaits: the lowering calls each such cleanup itself, on each
 * exit of its block, from the attribute's text, which a macro hides.  The
 * same macro in a function that does not await, and other attribute macros:
 * tests/e2e/attribute_macros.c. */
#include <asyncc.h>
#include <stdio.h>
#define _cleanup_(f) __attribute__((cleanup(f)))
static void done(int *p) { printf("~%d\n", *p); }
static async int one(int v) { await ac_yield(); return v; }
async int f(int n) {
    _cleanup_(done) int a = n;
    return await one(a);
}
