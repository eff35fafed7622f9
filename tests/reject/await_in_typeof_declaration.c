/* An await inside typeof, directly or through a macro that takes its
 * argument's typeof (a statement-expression CHECK), declaring a variable:
 * refused as for sizeof (the message came from the parse: "automatic
 * variable qualified with an address space"; found by a hostile tester).
 * Awaited into a local first: tests/e2e/await_before_typeof.c. */
#include <asyncc.h>
static async int one(int v) { await ac_yield(); return v; }
#define CHECK(e) ({ __typeof__(e) c_ = (e); c_ < 0 ? 0 : c_; })
async int f(int a) { return CHECK(await one(a)); }
async int g(int a) {
    __typeof__(await one(a)) z = 3;
    return z;
}
