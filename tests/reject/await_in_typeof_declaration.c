/* An await inside typeof (directly, or through a macro such as
 *   #define CHECK(e) ({ __typeof__(e) c_ = (e); c_ < 0 ? 0 : c_; })  )
 * is refused, as docs/lowering.md says, but with a message leaked from the
 * parse, not asyncc's own ("'await' here is not evaluated, or not always
 * (inside sizeof, _Alignof, typeof or _Generic)", as for sizeof):
 *   09_await_in_typeof_message.c:12:30 (and 10:29): error: automatic variable qualified with an address space */
#include <asyncc.h>
static async int one(int v) { await ac_yield(); return v; }
#define CHECK(e) ({ __typeof__(e) c_ = (e); c_ < 0 ? 0 : c_; })
async int f(int a) { return CHECK(await one(a)); }
async int g(int a) {
    __typeof__(await one(a)) z = 3;
    return z;
}
