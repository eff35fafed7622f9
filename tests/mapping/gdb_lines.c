/* Breakpoints by source line (tests/run.sh, "line mapping"): each BREAK
 * line must stop in the function named after it, at that line, and no
 * generated helper (a box, a resume thunk, a forwarder) may stop there:
 * server's frame and box come before client's lines in the output.  The
 * body is in one function, F__run, before the first suspension and
 * after it. */
#include <asyncc.h>
#include <stdio.h>

static async int server(int x) {
    int y = x * 2;                  /* BREAK server__run */
    await ac_yield();
    y += 1;                         /* BREAK server__run */
    return y;
}

static async int pair(int a) {
    int b = await server(a);
    int c = await server(b);
    return b + c;                   /* BREAK pair__run */
}

async int client(int n) {
    int total = 0;                  /* BREAK client__run */
    for (int i = 0; i < n; i++) {
        total += await pair(i);
        printf("got %d\n", total);  /* BREAK client__run */
    }
    return total;
}

int main(void) {
    int total = ac_wait(client(1));
    printf("total %d\n", total);
    return ac_shutdown(1000) != 0;
}
