/* Issue 11: a compound literal whose address outlives an await of its
 * block: stored in a pointer (&(T){...}, an array literal that decays) or
 * handed to an awaited call, which may read it while the function is
 * suspended.  It is made in a frame field of its own for its block, in a
 * frame allocated on entry.  In loops (made again each round), nested
 * blocks, with an early return, and with a type declared in the function. */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };

static async int one(int v) { await ac_yield(); return v; }

/* Reads its arguments after it suspends. */
static async int sum_later(const int *v, int n) {
    await ac_yield();
    int s = 0;
    for (int i = 0; i < n; i++)
        s += v[i];
    return s;
}

static async int dist_later(const struct pt *p) {
    await ac_yield();
    return p->x * p->x + p->y * p->y;
}

static async int stored(int k) {
    struct pt *p = &(struct pt){5, k};
    await ac_yield();
    int *a = (int[]){1, 2, 3};
    a[1] += await one(k);
    return p->x * 100 + p->y * 10 + a[0] + a[1] + a[2];
}

static async int handed(int n) {
    int total = await sum_later((int[]){n, n + 1, n + 2}, 3);
    total += await dist_later(&(struct pt){.x = 3, .y = 4});
    return total;
}

static async int in_loop(int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        const int *row = (const int[]){i, i * 2};
        await ac_yield();
        if (row[1] > 6)
            return -total;                       /* an early return */
        total += row[0] + row[1];
        {
            typedef struct { long v; } cell;
            cell *c = &(cell){i * 100L};
            total += await one((int)c->v);
        }
    }
    return total;
}

int main(void) {
    printf("%d %d\n", ac_wait(stored(2)), ac_wait(handed(10)));
    printf("%d %d\n", ac_wait(in_loop(3)), ac_wait(in_loop(9)));
    return ac_shutdown(1000) != 0;
}
