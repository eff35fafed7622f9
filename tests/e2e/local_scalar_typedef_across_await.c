/* Regression test: a scalar local whose type is a typedef declared in the
 * function lives in the frame as bytes (the frame, at file scope, cannot
 * name the type), so its copies at an await are bytewise, not the
 * assignment a plain int gets (the output assigned to the byte array and
 * did not compile).  Pointers and integers of block-scope types, kept by
 * their own names. */
#include <asyncc.h>
#include <stdio.h>

static async long f(int n) {
    typedef long count_t;
    typedef const char *name_t;
    typedef enum { SMALL = 1, BIG = 100 } size_e;
    count_t total = n;
    name_t who = "frame";
    size_e s = BIG;
    await ac_yield();
    total += s;
    await ac_yield();
    return total + (who[0] == 'f');
}

int main(void) {
    printf("%ld\n", ac_wait(f(5)));
    return ac_shutdown(1000) != 0;
}
