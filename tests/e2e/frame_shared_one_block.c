/* Frame bytes shared between locals of one block whose live ranges do not
 * overlap (layout.c; --explain says "shares bytes with"): a lives across the
 * first awaits only, b and c across later ones, in the same block, so their
 * fields overlap in the frame.  Every await suspends (ac_yield), so each
 * value goes through the frame; the checks see them intact, in a loop that
 * reuses the same bytes each time round, and in spilled temporaries that
 * share bytes with locals (sum(await, await, await)). */
#include <asyncc.h>
#include <stdio.h>

struct blob { long tag; int code[5]; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static int sum3(int x, int y, int z) { return x * 100 + y * 10 + z; }

static async long run(int rounds) {
    long total = 0;
    for (int r = 0; r < rounds; r++) {
        struct blob a = { 1000 + r, {1, 2, 3, 4, 5} };
        await ac_yield();                    /* a, total, r, rounds live */
        a.tag += await val(r);
        total += a.tag + a.code[4];
        struct blob b = { 2000 + r, {6, 7, 8, 9, 10} }; /* a is dead: b takes its bytes */
        await ac_yield();
        double c = 0.5 * r;                  /* b and c live together */
        await ac_yield();
        total += b.tag + b.code[0] + b.code[4] + (long)(c * 2);
    }
    long d = total;                          /* the loop's locals are dead */
    int s = sum3(await val(1), await val(2), await val(3));
    return d + s;
}

static async long one_block(void) {
    long x = 7;
    await ac_yield();
    long y = x * 3;                          /* x dead from here: y shares */
    await ac_yield();
    long z = y + 1;                          /* y dead: z shares */
    await ac_yield();
    char w[16];
    snprintf(w, sizeof w, "z=%ld", z);       /* w shares with x and y */
    await ac_yield();
    printf("%s\n", w);
    return z;
}

int main(void) {
    printf("%ld\n", ac_wait(run(5)));
    printf("%ld\n", ac_wait(one_block()));
    return ac_shutdown(1000) != 0;
}
