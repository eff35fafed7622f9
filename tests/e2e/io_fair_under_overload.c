/* Ready sockets are served in the order they became ready, however many
 * there are.  400 TCP connections, each with a task in a loop: read one
 * byte (a short read: the next read of the socket waits for epoll without
 * trying, docs/runtime.md), then send a byte to itself again, so that
 * every socket is always about to be ready and the worker always has more
 * to do than it can run: the HTTP server's situation with 1,000 keep-alive
 * connections on a capped CPU.  A worker used to poll epoll at every turn
 * of its inject queue, busy or not; its ring filled, overflowed into the
 * inject queue, where half of it then waited a turn in 61 while later
 * polls refilled the ring: some connections starved (p50 18 ms, p99 300 to
 * 680 ms in that HTTP run).  Each task here must get at least half the
 * mean share of the reads. */
#define _POSIX_C_SOURCE 200809L   /* setenv */
#include <asyncc.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

enum { N = 400, ROUNDS = 60 };
static int srv[N], cli[N];
static char bufs[N][8];
static _Atomic long total, served[N];

/* Wakes every task once, so that those waiting see the end. */
static void wake_all(void) {
    for (int i = 0; i < N; i++)
        if (write(cli[i], "x", 1) != 1)
            abort();
}

static async int echo(int i) {
    for (;;) {
        ssize_t n = await ac_read(srv[i], bufs[i], sizeof bufs[i], NULL);
        if (n <= 0)
            return -1;
        if (atomic_load(&total) >= (long)N * ROUNDS)
            return 0;
        atomic_fetch_add(&served[i], 1);
        if (atomic_fetch_add(&total, 1) + 1 == (long)N * ROUNDS)
            wake_all();
        else if (write(cli[i], "x", 1) != 1)
            return -1;
    }
}

int main(void) {
    setenv("ASYNCC_WORKERS", "1", 0);     /* one worker, unless told */
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    if (l < 0 || bind(l, (struct sockaddr *)&a, al) || listen(l, N) ||
        getsockname(l, (struct sockaddr *)&a, &al))
        return 1;
    for (int i = 0; i < N; i++) {
        cli[i] = socket(AF_INET, SOCK_STREAM, 0);
        if (cli[i] < 0 || connect(cli[i], (struct sockaddr *)&a, al) ||
            (srv[i] = accept(l, NULL, NULL)) < 0)
            return 1;
    }
    close(l);
    static ac_future(int) fs[N];
    for (int i = 0; i < N; i++)
        fs[i] = echo(i);
    wake_all();
    int bad = 0;
    for (int i = 0; i < N; i++)
        bad |= ac_wait(fs[i]) != 0;
    long least = ROUNDS * 10, most = 0;
    for (int i = 0; i < N; i++) {
        long s = atomic_load(&served[i]);
        least = s < least ? s : least;
        most = s > most ? s : most;
    }
    if (least < ROUNDS / 2)
        printf("unfair: reads per task from %ld to %ld (mean %d)\n", least, most, ROUNDS);
    for (int i = 0; i < N; i++) {
        ac_close(srv[i]);
        close(cli[i]);
    }
    printf("%s\n", bad ? "a read failed" : least >= ROUNDS / 2 ? "fair" : "unfair");
    return 0;
}
