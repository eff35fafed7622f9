/* Issue 11: __attribute__((cleanup(fn))) on a local with an await in its
 * scope.  The generated code drops the attribute (the ramp returns from
 * inside the scope when it suspends; the resume function's goto would enter
 * it) and calls fn(&x) on each way out of the scope, as C does: the end of
 * the block, break, continue, goto out, an early return (after its value is
 * computed).  Each cleanup logs its value: every one runs exactly once, in
 * C's order, whether or not the awaits suspend. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static char log_text[4096];
static int log_len;
static int live_objects;

static void note(const char *what, int v) {
    log_len += snprintf(log_text + log_len, sizeof log_text - log_len, "%s%d ", what, v);
}

static void done(int *p) { note("~", *p); }
static void done_const(const int *p) { note("~c", *p); }
static void release(int **p) { live_objects--; note("free", **p); free(*p); }

static int *make(int v) {
    int *p = malloc(sizeof *p);
    *p = v;
    live_objects++;
    return p;
}

static async int one(int v) { await ac_yield(); return v; }

static async int block_end(int n) {
    int total = 0;
    {
        __attribute__((cleanup(done))) int a = n;
        total += await one(a);
        {
            int *b __attribute__((cleanup(release))) = make(n + 1);
            await ac_yield();
            total += *b;
        }
        note("mid", total);
    }
    note("end", total);
    return total;
}

static async int loops(int n) {
    int total = 0;
    for (int i = 0; i < n; i++) {
        __attribute__((cleanup(done))) int k = i * 10;
        if (i == 1)
            continue;                            /* runs done(&k) */
        total += await one(k);
        if (i == 3)
            break;                               /* runs done(&k) */
    }
    int j = 0;
    while (j < 3) {
        __attribute__((cleanup(done))) int w = 100 + j;
        switch (await one(j++)) {
        case 1: {
            __attribute__((cleanup(done))) int s = 200;
            await ac_yield();
            total += s;
            break;                               /* leaves s's scope only */
        }
        default:
            total += w;
        }
    }
    return total;
}

static async int early(int v) {
    __attribute__((cleanup(release))) int *p = make(v);
    await ac_yield();
    if (v < 0)
        return *p * 2;                           /* the value first, then release */
    {
        __attribute__((cleanup(done))) int q = v + 1;
        if (await one(q) > 5)
            return q + *p;
    }
    return *p;
}

static async int goto_out(int n) {
    int tries = 0;
again:
    {
        __attribute__((cleanup(done))) int t = tries;
        await ac_yield();
        if (++tries < n)
            goto again;                          /* leaves t's scope */
        if (tries == n)
            goto out;
    }
out:
    return tries;
}

static async int at_entry(int v) {
    int seen = 0;
    int *q = &seen;                              /* the frame is allocated on entry */
    {
        __attribute__((cleanup(done))) int a = v;
        const __attribute__((cleanup(done_const))) int c = v * 2;
        *q += await one(a) + c;
    }
    return seen;
}

static async void nothing_back(int v) {
    __attribute__((cleanup(done))) int a = v;
    await ac_yield();
    note("void", a);
}

#define SHOW(call) do { log_len = 0; int r = ac_wait(call); \
                        printf("%s= %d [%d]\n", log_text, r, live_objects); } while (0)

int main(void) {
    SHOW(block_end(4));
    SHOW(loops(5));
    SHOW(early(-3));
    SHOW(early(9));
    SHOW(early(2));
    SHOW(goto_out(3));
    SHOW(at_entry(5));
    log_len = 0;
    ac_wait(nothing_back(8));
    printf("%s\n", log_text);
    return ac_shutdown(1000) != 0;
}
