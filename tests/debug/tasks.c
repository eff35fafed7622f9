/* Tasks suspended on a timer (a chain three deep), a promise and I/O, for
 * the task dump and the gdb extension (tests/run.sh, "debugging").
 *   tasks dump   ac_dump_tasks(stdout) once all are suspended
 *   tasks wait   prints "ready PID", then waits in ac_wait for a byte on stdin
 *                (the test sends SIGUSR1 meanwhile)
 * The tests find lines by their "@name" comments. */
#include <asyncc.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static ac_cancel *stop;

static async int leaf(int ms) {
    int wanted = ms / 1000;
    int r = await ac_delay_cancel(ms, stop);    /* @leaf-await */
    wanted += r == -ECANCELED;                  /* @leaf-after */
    await ac_delay(1);                          /* @leaf-again */
    wanted += 10;                               /* @leaf-last */
    return wanted;
}

static async int middle(int ms) {
    int got = await leaf(ms);                   /* @middle-await */
    got += 100;                                 /* @middle-after */
    return got;
}

static async int top(int ms) {
    int v = await middle(ms);                   /* @top-await */
    return v + 1000;
}

static async int on_promise(ac_future(int) f) {
    int v = await f;                            /* @promise-await */
    return v;
}

static async long on_io(int fd) {
    char buf[16];
    ssize_t n = await ac_read(fd, buf, sizeof buf - 1, NULL);   /* @io-await */
    buf[n > 0 ? n : 0] = 0;
    return (long)n;                             /* @io-after */
}

/* gdb stops here: every task above is suspended. */
__attribute__((noinline)) void all_suspended(void) {
    __asm__ volatile("");
}

int main(int argc, char **argv) {
    bool wait = argc > 1 && strcmp(argv[1], "wait") == 0;
    int fds[2];
    if (pipe(fds) < 0)
        return 1;
    stop = ac_cancel_new();
    ac_future(int) g;
    ac_promise *gate = ac_promise_new(&g);
    ac_future(int) t = top(60000);
    ac_future(int) p = on_promise(g);
    ac_future(long) io = on_io(wait ? 0 : fds[0]);
    all_suspended();
    long n;
    if (wait) {
        printf("ready %d\n", (int)getpid());
        fflush(stdout);
        n = ac_wait(io);                        /* until a byte on stdin */
    } else {
        printf("dump: %d\n", ac_dump_tasks(stdout));
        if (write(fds[1], "x", 1) != 1)
            return 1;
        n = ac_wait(io);
    }
    ac_cancel_trigger(stop);
    ac_promise_set_int(gate, 7);
    printf("top %d promise %d io %ld\n", ac_wait(t), ac_wait(p), n);
    ac_cancel_free(stop);
    close(fds[0]);
    close(fds[1]);
    return ac_shutdown(1000) != 0;
}
