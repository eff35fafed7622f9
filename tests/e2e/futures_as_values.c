/* futures as ordinary values: passed as parameters to async functions
 * that await them after suspending, kept in struct members and arrays and
 * awaited later in another order, returned by plain functions, and
 * promise futures completed before they are awaited (an await of an
 * already completed future) as well as after. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int ready(int v) {
    return v;                       /* completed future */
}

static async int scaled(ac_future(int) f, int k) {
    await ac_yield();
    return await f * k;
}

struct pending { ac_future(int) a; ac_future(long) b; int tag; };

static async long as_long(int v) {
    await ac_yield();
    return v * 1000L;
}

static ac_future(int) plain_pick(int which) {
    return which ? val(11) : ready(22);
}

static async int run(void) {
    printf("param %d %d\n", await scaled(val(3), 7), await scaled(ready(4), 5));
    struct pending p = {val(1), as_long(2), 9};
    long b = await p.b;
    int a = await p.a;
    printf("struct %d %ld %d\n", a, b, p.tag);
    ac_future(int) arr[5];
    for (int i = 0; i < 5; i++)
        arr[i] = i % 2 ? val(i) : ready(i * 10);
    int sum = 0;
    for (int i = 4; i >= 0; i--)
        sum = sum * 2 + await arr[i];
    printf("array %d\n", sum);
    printf("plain %d %d\n", await plain_pick(1), await plain_pick(0));
    ac_future(int) early;
    ac_future(int) late;
    ac_promise *pe = ac_promise_new(&early);
    ac_promise_set_int(pe, 5);        /* completed before the await */
    printf("early %d\n", await early);
    ac_promise *pl = ac_promise_new(&late);
    ac_future(int) waiter = scaled(late, 3);
    ac_promise_set_int(pl, 8);        /* completed while scaled waits */
    printf("late %d\n", await waiter);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
