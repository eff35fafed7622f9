/* ternaries nested in ternaries (in the condition, the middle and the
 * last operand), each branch an await: only the chosen path is
 * evaluated, and each chosen await exactly once. */
#include <asyncc.h>
#include <stdio.h>

static int calls;
static char trace[64];
static int tn;

static async int val(int v) {
    calls++;
    trace[tn++] = (char)('0' + (v < 0 ? -v : v) % 10);
    await ac_yield();
    return v;
}

static async int classify(int x) {
    return await val(x) < 0 ? (await val(1) ? await val(2) : await val(3))
         : x == 0 ? await val(4)
         : x < 10 ? (x % 2 ? await val(5) : await val(6))
         : await val(7);
}

static async int run(void) {
    int in[] = {-5, 0, 3, 4, 42};
    for (int i = 0; i < 5; i++) {
        calls = 0;
        tn = 0;
        int r = await classify(in[i]);
        trace[tn] = 0;
        printf("%d -> %d calls %d trace %s\n", in[i], r, calls, trace);
    }
    calls = 0;
    int t = (await val(0) ? await val(1) : await val(0)) ? await val(8) : await val(9);
    printf("cond is ternary %d calls %d\n", t, calls);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
