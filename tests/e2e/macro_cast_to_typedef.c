/* Regression test (fixed): valid C rejected.  An object-like macro whose expansion is a cast
 * to a typedef name, like glibc's
 *   #define INADDR_LOOPBACK ((in_addr_t) 0x7f000001)
 *   #define INADDR_ANY      ((in_addr_t) 0x00000000)
 * used as an expression in an async body:
 *   error: expected expression before 'INADDR_LOOPBACK'
 * (the macro seems to be classified as one "that expands to type
 * keywords").  `#define M ((unsigned) 5)` works; `#define M ((uint32_t) 5)`
 * fails the same way.  Expected output: 7f000002 */
#include <asyncc.h>
#include <netinet/in.h>
#include <stdio.h>

static async int val(int v) { await ac_yield(); return v; }

static async int run(void) {
    unsigned x = INADDR_LOOPBACK;
    x += (unsigned)await val(1);
    printf("%x\n", x);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
