/* A block-scope typedef of a variably modified type in scope at an await:
 * the resume function's goto jumps into its scope, which C forbids (the
 * output did not compile: "jump into scope of identifier with variably
 * modified type").  Refused as VLAs and pointers to them are; one whose
 * block ends before the await is fine (e2e/vla_typedef_before_await). */
#include <asyncc.h>
#include <stdio.h>

static async int one(int v) { await ac_yield(); return v; }

static async int f(int k) {
    typedef int row_t[k];
    int s = (int)sizeof(row_t);
    await one(1);
    return s;
}

int main(void) {
    printf("%d\n", ac_wait(f(3)));
    return 0;
}
