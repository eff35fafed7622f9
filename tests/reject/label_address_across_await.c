/* A label's address (GNU &&label) taken in an async function that awaits
 * pointed into the ramp's copy of the body and was used by the resume
 * function after an await: a jump into the wrong function (ASan:
 * heap-buffer-overflow).  Refused. */
#include <asyncc.h>

ac_future(int) val(int x);

async int f(int n) {
    void *targets[] = {&&one, &&two};
    int k = 0;
    for (int i = 0; i < n; i++) {
        k += await val(i);
        goto *targets[k & 1];
    one:
        continue;
    two:
        k++;
    }
    return k;
}
