/* aggregate locals live across awaits: a union (written through one
 * member, read through another of the same type prefix), a struct nested
 * three deep, a 2-D array filled and summed across awaits, an array of
 * structs, and a struct assigned as a whole after an await. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

union num { int i; unsigned u; unsigned char bytes[4]; };
struct leaf { int v; char tag; };
struct mid { struct leaf l[2]; double w; };
struct top { struct mid m; int count; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    union num n;
    n.i = -1;
    await ac_yield();
    printf("union u %u byte %u\n", n.u, (unsigned)n.bytes[2]);
    n.u = (unsigned)await val(0x01020304);
    int little = n.bytes[0] == 4;
    printf("union i %d endian-consistent %d\n", n.i, little || n.bytes[0] == 1);

    struct top t;
    memset(&t, 0, sizeof t);
    t.m.l[1].v = await val(5);
    t.m.l[1].tag = (char)('a' + await val(3));
    t.m.w = await val(3) / 2.0;
    t.count = t.m.l[1].v + await val(1);
    printf("nested %d %c %.1f %d\n", t.m.l[1].v, t.m.l[1].tag, t.m.w, t.count);

    int grid[3][4];
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 4; c++)
            grid[r][c] = await val(r * 4 + c);
    int total = 0, diag = 0;
    for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 4; c++)
            total += grid[r][c];
        diag += grid[r][r];
        await ac_yield();
    }
    printf("grid total %d diag %d corner %d\n", total, diag, grid[2][3]);

    struct leaf leaves[3] = {{1, 'x'}, {2, 'y'}, {3, 'z'}};
    struct leaf tmp = leaves[0];
    leaves[0] = leaves[2];
    await ac_yield();
    leaves[2] = tmp;
    printf("leaves %d%c %d%c %d%c\n", leaves[0].v, leaves[0].tag, leaves[1].v,
           leaves[1].tag, leaves[2].v, leaves[2].tag);
    struct mid copy = t.m;
    t.m.l[1].v = 99;
    await ac_yield();
    printf("copy %d orig %d\n", copy.l[1].v, t.m.l[1].v);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
