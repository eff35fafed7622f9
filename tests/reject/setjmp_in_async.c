#include <asyncc.h>
#include <setjmp.h>

ac_future(int) fetch(void);

async int f(void) {
    jmp_buf env;
    if (setjmp(env))
        return -1;
    return await fetch();
}
