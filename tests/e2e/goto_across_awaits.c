/* goto forward (cleanup) and backward (retry loop) across awaits. */
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int with_cleanup(int fail_at) {
    int result = -1;
    char *a = malloc(16), *b = NULL;
    if (await val(fail_at) == 1)
        goto cleanup;
    b = malloc(16);
    if (await val(fail_at) == 2)
        goto cleanup;
    result = 0;
cleanup:
    free(b);
    free(a);
    printf("cleanup after %d: %d\n", fail_at, result);
    return result;
}

static async int retry(void) {
    int tries = 0;
again:
    tries++;
    if (await val(tries) < 3)
        goto again;
    return tries;
}

int main(void) {
    ac_wait(with_cleanup(1));
    ac_wait(with_cleanup(2));
    ac_wait(with_cleanup(0));
    printf("tries %d\n", ac_wait(retry()));
    return ac_shutdown(1000) != 0;
}
