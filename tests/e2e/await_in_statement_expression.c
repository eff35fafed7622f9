/* Issue 11: an await inside a GNU statement expression ({ ... }).  A goto
 * cannot enter one, so its statements are hoisted to where it is
 * evaluated, in a block of their own, and its value goes to a temporary:
 * in an initializer, a condition, a loop's condition, a return, an
 * operand of ?: && || (run only when C evaluates it), as a statement of
 * its own; with locals live across its awaits, an early return and a
 * break out of it, and in a frame allocated on entry. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int initializer(int n) {
    int x = ({ int a = await one(n); a * 3; });
    int y = x + ({ int k = x; await ac_yield(); k + 1; });
    return x * 1000 + y;
}

static async int loops(int n) {
    int i = 0, total = 0;
    while (({ await ac_yield(); i < n; }))
        total += ({ int sq = i * i; await one(sq) + i++; });
    for (int j = 0; j < 10; j++) {
        ({ if (j == 4) break; await ac_yield(); total += 100; });
    }
    ({ await ac_yield(); total++; });
    return total;
}

static async int early(int v) {
    int r = ({
        if (v < 0)
            return -1;                           /* out of the statement expression */
        int w = await one(v);
        w + 1;
    });
    return r;
}

static async int conditional(int c) {
    int a = c ? ({ int t = await one(c); t * 2; }) : ({ await ac_yield(); -5; });
    int b = c > 1 && ({ await ac_yield(); c > 2; });
    if (({ int s = await one(c); s % 2; }))
        return a * 10 + b + 1000;
    return a * 10 + b;
}

static async int at_entry(int n) {
    int z = n;
    int *pz = &z;                                /* the frame is allocated on entry */
    int sum = 0;
    for (int i = 0; i < 3; i++)
        sum += ({ int q = *pz + i; await ac_yield(); struct { int v; } box = {q}; box.v; });
    return ({ await ac_yield(); sum + z; });
}

static async void nothing_back(int *out) {
    ({ await ac_yield(); *out = 7; (void)0; });
}

int main(void) {
    printf("%d %d\n", ac_wait(initializer(2)), ac_wait(initializer(-4)));
    printf("%d %d\n", ac_wait(loops(0)), ac_wait(loops(4)));
    printf("%d %d\n", ac_wait(early(-3)), ac_wait(early(8)));
    printf("%d %d %d\n", ac_wait(conditional(0)), ac_wait(conditional(2)),
           ac_wait(conditional(3)));
    printf("%d\n", ac_wait(at_entry(10)));
    int out = 0;
    ac_wait(nothing_back(&out));
    printf("%d\n", out);
    return ac_shutdown(1000) != 0;
}
