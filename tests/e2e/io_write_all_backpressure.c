/* ac_write_all of 1 MiB into a socketpair whose buffer is far smaller:
 * the writer suspends until a concurrent reader task drains the other
 * end; every byte arrives in order (each checked against its value), and
 * the reader sees end of stream after the writer shuts its side down. */
#define _DEFAULT_SOURCE
#include <asyncc.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define SIZE (1 << 20)

static async long reader(int fd) {
    static unsigned char buf[4096];
    long total = 0;
    int bad = 0;
    for (;;) {
        ssize_t n = await ac_recv(fd, buf, sizeof buf, 0, NULL);
        if (n <= 0)
            break;
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != (unsigned char)((total + i) * 7))
                bad = 1;
        }
        total += n;
    }
    printf("reader got %ld bytes, in order %d\n", total, !bad);
    return total;
}

static async long writer(int fd, const unsigned char *data) {
    ssize_t n = await ac_write_all(fd, data, SIZE, NULL);
    shutdown(fd, SHUT_WR);
    return (long)n;
}

static async int run(unsigned char *data) {
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    ac_set_nonblocking(sv[0]);
    ac_set_nonblocking(sv[1]);
    ac_future(long) r = reader(sv[1]);
    long w = await writer(sv[0], data);
    long got = await r;
    printf("writer wrote %ld, equal %d\n", w, w == got);
    ac_io_forget(sv[0]);
    ac_io_forget(sv[1]);
    close(sv[0]);
    close(sv[1]);
    return 0;
}

int main(void) {
    unsigned char *data = malloc(SIZE);
    for (long i = 0; i < SIZE; i++)
        data[i] = (unsigned char)(i * 7);
    int rc = ac_wait(run(data));
    free(data);
    return rc || ac_shutdown(1000) != 0;
}
