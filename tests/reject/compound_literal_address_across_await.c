/* A compound literal whose address outlives an await of its block is made
 * in a frame field of its own (tests/e2e/compound_literal_across_await.c),
 * by an expression around it; one holding an await itself is linearised
 * piece by piece, which that expression cannot wrap.  Refused. */
#include <asyncc.h>

struct pt { int x, y; };

ac_future(int) fetch(void);

async int f(void) {
    struct pt *p = &(struct pt){await fetch(), 6};
    await fetch();
    return p->x;
}
