/* preprocessor groups in awkward places of an async body: an #if 0
 * group holding unbalanced braces and awaits, conditionals between a
 * loop header and its unbraced body, #elif chains choosing the awaiting
 * statement, and an object-like macro that casts to a typedef name
 * (as INADDR_LOOPBACK does) used next to an await. */
#include <asyncc.h>
#include <stdint.h>
#include <stdio.h>

#define MODE 2
#define LIMIT ((uint32_t)3)

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int run(void) {
    int awaiting = 1;               /* an identifier, not the keyword */
    int r = 0;
#if MODE == 1
    r = await val(100);
#elif MODE == 2
    r = await val(200);
#else
    r = await val(300);
#endif
    printf("mode r %d calls %d\n", r, calls);
#if 0
    r = await await await;          /* never compiled */
    this is not C at all {
#endif
#ifdef NOT_DEFINED
    r += await val(1000);
#else
    r += /* await val(5) in a comment */ await val(1);
#endif
    // await in a line comment: await val(9);
    printf("r %d calls %d awaiting %d\n", r, calls, awaiting);
    const char *s = "await val(1) in a string";
    printf("%s %d\n", s, await /* between */ val(/* arg */ 3));
#if defined(MODE) && MODE > 1
    for (int i = 0; i < 3; i++)
#  if MODE == 2
        awaiting += await val(i);
#  else
        awaiting -= await val(i);
#  endif
#endif
    printf("awaiting %d calls %d\n", awaiting, calls);
    uint32_t lim = LIMIT + (uint32_t)await val(1);
    printf("limit %u\n", (unsigned)lim);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
