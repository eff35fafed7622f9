/* The article's stream copy, on pipes through the epoll runtime: a writer
 * task fills one pipe while copy() moves it to a second pipe, and a reader
 * task checks every byte. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

enum { TOTAL = 1 << 20 };

static async ssize_t copy(int in, int out) {
    char buf[4096];
    ssize_t n, total = 0;
    while ((n = await ac_read(in, buf, sizeof buf, NULL)) > 0)
        total += await ac_write_all(out, buf, n, NULL);
    return n < 0 ? n : total;
}

static async ssize_t produce(int out) {
    static char chunk[8192];
    ssize_t sent = 0;
    for (int i = 0; i < TOTAL / (int)sizeof chunk; i++) {
        memset(chunk, 'a' + i % 26, sizeof chunk);
        sent += await ac_write_all(out, chunk, sizeof chunk, NULL);
    }
    ac_io_forget(out);
    close(out);
    return sent;
}

static async long consume(int in) {
    char buf[5000];
    long got = 0, bad = 0;
    ssize_t n;
    while ((n = await ac_read(in, buf, sizeof buf, NULL)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            bad += buf[i] != 'a' + (got + i) / 8192 % 26;
        got += n;
    }
    return bad ? -bad : got;
}

static async int run(void) {
    int p1[2], p2[2];
    if (pipe(p1) || pipe(p2))
        return -1;
    for (int i = 0; i < 2; i++) {
        ac_set_nonblocking(p1[i]);
        ac_set_nonblocking(p2[i]);
    }
    ac_future(ssize_t) writer = produce(p1[1]);
    ac_future(long) reader = consume(p2[0]);
    ssize_t copied = await copy(p1[0], p2[1]);
    ac_io_forget(p2[1]);
    close(p2[1]);
    printf("produced %zd, copied %zd, checked %ld\n", await writer, copied, await reader);
    ac_io_forget(p1[0]);
    ac_io_forget(p2[0]);
    close(p1[0]);
    close(p2[0]);
    return 0;
}

int main(void) {
    return ac_wait(run()) || ac_shutdown(1000) != 0;
}
