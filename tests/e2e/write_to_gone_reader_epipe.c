/* Writes to a pipe and a socket whose reader has gone give -EPIPE and do
 * not kill the process with SIGPIPE (it is not ignored here). */
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static const char *name(ssize_t r) {
    return r == -EPIPE ? "EPIPE" : r < 0 ? ac_strerror(r) : "written";
}

static async int write_all_three(int pipe_fd, int sock_fd) {
    ssize_t a = await ac_write(pipe_fd, "x", 1, NULL);
    ssize_t b = await ac_write_all(sock_fd, "xyz", 3, NULL);
    ssize_t c = await ac_send(sock_fd, "x", 1, 0, NULL);
    printf("pipe write: %s\n", name(a));
    printf("socket write_all: %s\n", name(b));
    printf("socket send: %s\n", name(c));
    return 0;
}

int main(void) {
    int p[2], sv[2];
    if (pipe(p) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        return 1;
    close(p[0]);
    close(sv[1]);
    ac_wait(write_all_three(p[1], sv[0]));
    printf("still running\n");
    ac_close(p[1]);
    ac_close(sv[0]);
    return ac_shutdown(UINT64_MAX) != 0;
}
