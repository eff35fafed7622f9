/* preprocessor conditionals and comments inside async bodies: #if/#else
 * with an await in the taken branch only, #if 0 and #ifdef-out blocks
 * that mention await (in code that is not C), #elif chains, comments
 * containing await between tokens, and identifiers such as awaiting. */
#include <asyncc.h>
#include <stdio.h>

#define MODE 2

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
    this is not C at all ;
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
    for (int i = 0; i < 3; i++) {
#  if MODE == 2
        awaiting += await val(i);
#  else
        awaiting -= await val(i);
#  endif
    }
#endif
    printf("awaiting %d calls %d\n", awaiting, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
