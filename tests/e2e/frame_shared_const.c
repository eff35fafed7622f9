/* A const local is copied like any other hoisted local (a plain local of
 * the run function, its bytes saved at each suspension and loaded back):
 * it shares bytes with locals held in the frame at awaits it is not live
 * across, never with one held at an await it is live across.  A parameter never written after entry is not saved
 * again by the resume function: its bytes must stay its own at every
 * await it is live across, while locals around it share theirs. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async long run(long base) {
    long before = base + 1;
    await ac_yield();
    long total = before;                 /* before is dead: its bytes are free */
    {
        const long k = base * 7;         /* in the frame at awaits 2-4 */
        long inner = await val(3);
        await ac_yield();
        total += k + inner;
        await ac_yield();
        total += k;
    }
    long after = await val(11);          /* may reuse k's bytes: k's block is over */
    await ac_yield();
    total += after + base;
    return total;
}

int main(void) {
    printf("%ld\n", ac_wait(run(5)));
    printf("%ld\n", ac_wait(run(-2)));
    return ac_shutdown(1000) != 0;
}
