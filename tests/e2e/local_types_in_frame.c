/* Issue 11: a local whose type is declared inside the async function, live
 * across an await where it must stay a frame field: the frame is allocated
 * on entry (some local's address is taken) or the local is const.  Its
 * field is bytes of its size and alignment, and the code reaches it through
 * a pointer of a block-scope typedef repeating its declaration
 * (`(*(ac__T_x *)ac__fr->x)`).  Tags, typedefs, anonymous structs, enums
 * and arrays of them; loops, early returns and nested blocks. */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static void bump(int *p) { ++*p; }

static async int tag_at_entry(int n) {
    int count = 0;
    bump(&count);                                /* the frame is allocated on entry */
    struct pt { int x, y; } s = {1, 2};
    for (int i = 0; i < n; i++) {
        await ac_yield();
        s.x += await one(i);
        bump(&count);
    }
    return s.x * 100 + s.y * 10 + count;
}

static async long typedef_array(int stop) {
    int seen = 0;
    int *p = &seen;
    typedef struct { long v[3]; } triple;
    triple t[2] = {{{1, 2, 3}}, {{4, 5, 6}}};
    long total = 0;
    for (int k = 0; k < 2; k++) {
        for (int j = 0; j < 3; j++) {
            total += t[k].v[j] * await one(j + 1);
            ++*p;
            if (*p == stop)
                return -total;                   /* an early return */
        }
    }
    return total;
}

static async int anonymous_const(int base) {
    const struct { int a; char name[8]; } c = {base, "frame"};
    int sum = 0;
    {
        const enum { LOW = 3, HIGH = 9 } level = base > 4 ? HIGH : LOW;
        sum += await one(level);
        sum += c.a;
    }
    await ac_yield();
    return sum * 10 + (int)sizeof c.name + (c.name[0] == 'f');
}

static async int nested_scopes(int n) {
    int taken = 0;
    bump(&taken);
    typedef int myint;
    myint acc = 0;
    for (int i = 0; i < n; i++) {
        struct box { myint in; struct box *self; } b = {i, 0};
        b.self = &b;
        await ac_yield();
        if (b.self != &b)
            return -1;                           /* the frame never moved */
        acc += b.self->in;
        {
            union u { myint i; char c; } u = {.i = await one(i)};
            acc += u.i;
        }
    }
    return acc + taken;
}

int main(void) {
    printf("%d %d\n", ac_wait(tag_at_entry(0)), ac_wait(tag_at_entry(4)));
    printf("%ld %ld\n", ac_wait(typedef_array(100)), ac_wait(typedef_array(4)));
    printf("%d %d\n", ac_wait(anonymous_const(2)), ac_wait(anonymous_const(7)));
    printf("%d\n", ac_wait(nested_scopes(5)));
    return ac_shutdown(1000) != 0;
}
