/* Locals whose names are those of the generated helpers (legal C names: only
 * ac__ is refused) hide the helpers inside the run function:
 *   error: called object 'one__ramp' is not a function or function pointer
 *   error: called object 'g__box' is not a function or function pointer
 *   error: called object 'g__resume' is not a function or function pointer
 * asyncc gave no diagnostic (found by a hostile tester); it refuses them
 * now, each by name. */
#include <asyncc.h>
#include <stdio.h>
static async int one(int v) { await ac_yield(); return v; }
static async int g(int n) {
    int g__box = n, one__ramp = 2, g__resume = 3;
    int t = await one(g__box);
    return t + one__ramp + g__resume;
}
int main(void) { printf("%d\n", ac_wait(g(4))); return 0; }
