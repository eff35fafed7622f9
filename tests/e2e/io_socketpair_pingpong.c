/* ac_send/ac_recv on a socketpair: two tasks play ping-pong 100 times,
 * each awaiting a recv that is pending until the peer sends; a recv
 * cancelled by a token completes with -ECANCELED; closing one end makes
 * the other's recv return 0. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#define ROUNDS 100

static async int player(int fd, int serve) {
    int last = 0;
    if (serve) {
        int v = 1;
        if (await ac_send(fd, &v, sizeof v, 0, NULL) != (ssize_t)sizeof v)
            return -1;
    }
    for (;;) {
        int v;
        ssize_t n = await ac_recv(fd, &v, sizeof v, 0, NULL);
        if (n != (ssize_t)sizeof v)
            return -2;
        last = v;
        if (v >= 2 * ROUNDS)
            return last;
        v++;
        if (await ac_send(fd, &v, sizeof v, 0, NULL) != (ssize_t)sizeof v)
            return -3;
        if (v >= 2 * ROUNDS)
            return last;
    }
}

static async void cancel_soon(ac_cancel *c) {
    await ac_delay(5);
    ac_cancel_trigger(c);
}

static async int run(void) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    ac_set_nonblocking(sv[0]);
    ac_set_nonblocking(sv[1]);
    ac_future(int) a = player(sv[0], 1);
    ac_future(int) b = player(sv[1], 0);
    int la = await a;
    int lb = await b;
    printf("a saw %d, b saw %d\n", la, lb);

    ac_cancel *c = ac_cancel_new();
    ac_future(void) k = cancel_soon(c);
    char ch;
    ssize_t r = await ac_recv(sv[0], &ch, 1, 0, c);
    await k;
    printf("cancelled recv %d\n", r == -ECANCELED);
    ac_cancel_free(c);

    ac_io_forget(sv[1]);
    close(sv[1]);
    ssize_t eof = await ac_recv(sv[0], &ch, 1, 0, NULL);
    printf("eof %zd\n", eof);
    ac_io_forget(sv[0]);
    close(sv[0]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
