/* non-blocking I/O on a pipe: a reader task awaits ac_read before any
 * data exists (a real suspension), a writer task sends messages with
 * ac_write/ac_write_all after delays, end of file reads 0, and reading a
 * closed pipe's fd after ac_io_forget is not attempted. */
#define _POSIX_C_SOURCE 200809L
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static async long reader(int fd, char *out, size_t cap) {
    size_t got = 0;
    int reads = 0;
    for (;;) {
        ssize_t n = await ac_read(fd, out + got, cap - 1 - got, NULL);
        if (n < 0) {
            printf("read error %zd\n", n);
            return -1;
        }
        if (n == 0)
            break;
        got += (size_t)n;
        reads++;
    }
    out[got] = 0;
    return (long)got * 1000 + (reads > 0);
}

static async int writer(int fd) {
    static const char *parts[] = {"hello, ", "async ", "pipe"};
    int total = 0;
    for (int i = 0; i < 3; i++) {
        await ac_delay(2);
        ssize_t n = await ac_write(fd, parts[i], strlen(parts[i]), NULL);
        total += (int)n;
    }
    char big[5000];
    memset(big, 'x', sizeof big);
    total += (int)await ac_write_all(fd, big, sizeof big, NULL);
    ac_io_forget(fd);
    close(fd);
    return total;
}

static char buf[8192];

static async int run(void) {
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    ac_set_nonblocking(fds[0]);
    ac_set_nonblocking(fds[1]);
    ac_future(long) r = reader(fds[0], buf, sizeof buf);
    int w = await writer(fds[1]);
    long rr = await r;
    printf("wrote %d read %ld\n", w, rr / 1000);
    printf("some reads %ld prefix \"%.17s\" xs %zu\n", rr % 1000, buf, strspn(buf + 17, "x"));
    ac_io_forget(fds[0]);
    close(fds[0]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
