/* The layout of each rewritten construct: a condition that awaits (while,
 * do, for, if, switch, && and ?:), a declaration whose initializer awaits,
 * and a local whose address is taken (its frame is allocated on entry). */
#include <asyncc.h>

static async int val(int v) { await ac_yield(); return v; }

async int shapes(int n) {
    int total = 0;
    while (await val(n) > total)
        total += 1;
    do {
        total -= 1;
    } while (await val(total) > n);
    for (int i = 0; i < await val(2); i++)
        total += i;
    if (n > 0 && await val(n) > 1)
        total = n > 2 ? await val(3) : 0;
    switch (await val(n % 3)) {
    case 0: total += 10; break;
    default: break;
    }
    return total;
}

async int by_address(int n) {
    int cell = n;
    int *p = &cell;
    await ac_yield();
    return *p + 1;
}
