/* A future used as a statement is dropped: its task is never freed if it
 * suspends, and the caller usually meant to await it (C#'s CS4014).  Calls
 * only, in async and plain functions, also through a macro and a void
 * cast; assignments, awaits, ac_wait and ac_detach are not warned about. */
#include <asyncc.h>

static async int fetch(int x) { await ac_yield(); return x; }
#define START() fetch(2)

async int run(void) {
    fetch(1);
    (void)fetch(3);
    START();
    ac_yield();
    int v = await fetch(4);
    ac_detach(fetch(5));
    ac_future_int kept;
    kept = fetch(6);
    return v + await kept;
}

void plain(void) {
    ac_future_int kept = ({ fetch(10); });   /* a statement expression's value */
    ({ fetch(11); ac_detach(kept); });       /* but not its other statements */
    ac_when_all(0, 0);                       /* named as the user wrote it */
    fetch(7);
    ac_detach(fetch(8));
    ac_wait(fetch(9));
}
