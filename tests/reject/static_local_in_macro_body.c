/* Issue 14: the use of `hits` inside BUMP's body has no text of its own; the
 * whole invocation was replaced by the static's new name (the increment was
 * lost and the program printed 0).  Now refused. */
#include <asyncc.h>

#define BUMP() (hits++)

async int f(void) {
    static int hits;
    BUMP();
    await ac_yield();
    return hits;
}
