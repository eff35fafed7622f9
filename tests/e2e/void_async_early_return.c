/* async void functions: return; from the middle of nested loops after
 * awaits (nothing after it runs), a void await as an expression
 * statement, void awaits as both arms of ?: and as the left operand of a
 * comma, and a void async function that completes without suspending. */
#include <asyncc.h>
#include <stdio.h>

static int log_[32];
static int nlog;

static async void record(int v) {
    await ac_yield();
    log_[nlog++] = v;
}

static async void sync_record(int v) {
    log_[nlog++] = v;               /* completes at once */
}

static async void search(int target) {
    for (int i = 0; i < 5; i++) {
        for (int j = 0; j < 5; j++) {
            await record(i * 10 + j);
            if (i * j == target)
                return;
        }
    }
    await record(-1);               /* only when not found */
}

static async int run(void) {
    nlog = 0;
    await search(6);
    printf("found after %d, last %d\n", nlog, log_[nlog - 1]);
    nlog = 0;
    await search(100);
    printf("not found after %d, last %d\n", nlog, log_[nlog - 1]);
    nlog = 0;
    for (int k = 0; k < 4; k++)
        k % 2 ? await record(k) : await sync_record(k + 100);
    (await record(7), await sync_record(8));
    await sync_record(9);
    printf("log");
    for (int i = 0; i < nlog; i++)
        printf(" %d", log_[i]);
    printf("\n");
    return nlog;
}

int main(void) {
    printf("n %d\n", ac_wait(run()));
    ac_wait(record(1));
    ac_wait(sync_record(2));
    printf("n %d\n", nlog);
    return ac_shutdown(1000) != 0;
}
