/* A local live across an await keeps its own name in the generated code
 * wherever no other declaration of that name could hide it at an await,
 * so a macro may use it in its body or stringify it (issue 11):
 * - a const local (it is a plain local too, copied back at each resume);
 * - a local whose name is also a member, a designator and a tag;
 * - locals of one name in sibling blocks;
 * - the inner of two nested locals of one name (the outer one, which the
 *   inner hides, is renamed: a macro may take it as an argument, which is
 *   rewritten, but not stringify it or use it in its body). */
#include <asyncc.h>
#include <stdio.h>

#define SHOW(v) printf("%s=%d\n", #v, (v))
#define TWICE_K() (k * 2)
#define BUMP_X() (x++)
#define BUMP_Y() (y += 10)

struct x { int x; };
static struct x shared = { .x = 100 };

static async int consts(int a) {
    const int k = a + 1;
    await ac_yield();
    SHOW(k);
    return TWICE_K();
}

static async int members(int a) {
    int x = a;
    struct x q = { .x = 4 };
    struct x *p = &shared;
    await ac_yield();
    BUMP_X();
    SHOW(x);
    return x + q.x + p->x;
}

static async int siblings(int n) {
    int s = 0;
    if (n > 0) {
        int y = n;
        await ac_yield();
        BUMP_Y();
        SHOW(y);
        s += y;
    } else {
        int y = -n;
        await ac_yield();
        BUMP_Y();
        SHOW(y);
        s += y;
    }
    for (int i = 0; i < 2; i++) {
        int y = i;
        await ac_yield();
        SHOW(y);
        s += y;
    }
    return s;
}

static async int nested(void) {
    int x = 1;
    {
        int x = 10;
        await ac_yield();
        BUMP_X();
        SHOW(x);
    }
    await ac_yield();
    printf("outer x=%d\n", x);
    return x;
}

int main(void) {
    printf("%d\n", ac_wait(consts(20)));
    printf("%d\n", ac_wait(members(3)));
    printf("%d\n", ac_wait(siblings(5)));
    printf("%d\n", ac_wait(siblings(-7)));
    printf("%d\n", ac_wait(nested()));
    return ac_shutdown(1000) != 0;
}
