/* I/O errors are values, never hidden control flow: a pending read
 * cancelled by a token completes with -ECANCELED, a second pending read
 * on the same fd gets -EBUSY at once, a pending read whose fd is
 * forgotten completes with -EBADF, and a write to a pipe whose read end
 * is closed gives -EPIPE. */
#define _DEFAULT_SOURCE
#include <asyncc.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static async void later_cancel(ac_cancel *c) {
    await ac_delay(5);
    ac_cancel_trigger(c);
}

static async void later_forget(int fd) {
    await ac_delay(5);
    ac_io_forget(fd);
}

static async int run(void) {
    int p[2];
    if (pipe(p) != 0)
        return 1;
    ac_set_nonblocking(p[0]);
    ac_set_nonblocking(p[1]);
    char buf[8];

    ac_cancel *c = ac_cancel_new();
    ac_future(ssize_t) first = ac_read(p[0], buf, sizeof buf, c);
    ssize_t busy = await ac_read(p[0], buf, sizeof buf, NULL);
    await later_cancel(c);
    ssize_t cancelled = await first;
    printf("busy %d cancelled %d\n", busy == -EBUSY, cancelled == -ECANCELED);
    ac_cancel_free(c);

    ac_future(void) f = later_forget(p[0]);
    ssize_t badf = await ac_read(p[0], buf, sizeof buf, NULL);
    await f;
    printf("forgotten %d\n", badf == -EBADF);

    close(p[0]);
    ssize_t pipe_err = await ac_write(p[1], "x", 1, NULL);
    printf("epipe %d\n", pipe_err == -EPIPE);
    ac_io_forget(p[1]);
    close(p[1]);
    return 0;
}

int main(void) {
    signal(SIGPIPE, SIG_IGN);
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
