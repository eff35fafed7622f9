/* Toub's FooAsync: of two locals, only the one used after the await is
 * hoisted into the frame (tests/explain/seed_foo_async checks it). */
#include <asyncc.h>
#include <stdio.h>

struct stamp { long seconds; int day; };

static struct stamp now(void) {
    struct stamp s = {86400L * 3 + 5, 3};
    return s;
}

static async void foo_async(void) {
    struct stamp dto = now();     /* DateTimeOffset.Now: dead after the await */
    int dt = dto.day;             /* dto.DateTime: used after it */
    await ac_yield();
    printf("day %d\n", dt);
}

int main(void) {
    ac_wait(foo_async());
    return ac_shutdown(1000) != 0;
}
