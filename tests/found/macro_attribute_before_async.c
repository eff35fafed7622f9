/* A macro that expands to an attribute, written between `static` and `async`
 * in an async function's header: the text before `async` stays where it was,
 * in front of the generated frame struct, `static MAYBE_UNUSED struct f__frame {...};`:
 *   gcc:   warning: useless storage class specifier in empty declaration
 *   clang: warning: 'static' ignored on this declaration [-Wmissing-declarations]
 *          warning: attribute 'unused' is ignored, place it after "struct" ... [-Wignored-attributes]
 * (errors under -Werror).  The attribute written out, static __attribute__((unused))
 * async, is handled; plain C has no warning. */
#include <asyncc.h>
#include <stdio.h>
#define MAYBE_UNUSED __attribute__((unused))
static async int one(int v) { await ac_yield(); return v; }
static MAYBE_UNUSED async int f(int n) {
    int t = await one(n);
    return t;
}
int main(void) { printf("%d\n", ac_wait(f(3))); return 0; }
