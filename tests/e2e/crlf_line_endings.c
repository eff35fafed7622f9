/* a dialect file with CRLF line endings: awaits, a multi-line statement,
 * a line-continued macro with an await argument, a comment and a string
 * literal all keep working (the CRs are whitespace to C). */
#include <asyncc.h>
#include <stdio.h>

#define TWICE_PLUS(x, y) \
    (2 * (x) + (y))

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int a = await val(3);
    int b = TWICE_PLUS(await val(4),
                       a);
    /* a comment
       over lines */
    const char *s = "crlf";
    int c = await
        val(b + 1);
    printf("%s %d %d %d\n", s, a, b, c);
    return c;
}

int main(void) {
    printf("ret %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
