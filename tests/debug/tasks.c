/* Tasks suspended on a timer (a chain three deep), a promise and I/O, for
 * the task dump and gdb (tests/run.sh, debug/...).  `tasks dump`: dumps once
 * all are suspended; `tasks wait`: in ac_wait for a byte on stdin, prints
 * "ready PID" (then the test sends SIGUSR1).  Lines are found by "@name";
 * docs/debugging.md shows a gdb session on this file, by line number. */
#include <asyncc.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static ac_cancel *stop;

static async int leaf(int ms) {
    int wanted = ms / 1000;                     /* @leaf-first */
    int r = await ac_delay_cancel(ms, stop);    /* @leaf-await */
    wanted += r == -ECANCELED;                  /* @leaf-after */
    await ac_delay(1);                          /* @leaf-again */
    wanted += ms / 6000;                        /* @leaf-last */
    return wanted;                              /* @leaf-return */
}

static async int middle(int ms) {
    int got = await leaf(ms);                   /* @middle-await */
    got += 100;                                 /* @middle-after */
    return got;                                 /* @middle-return */
}

static async int top(int ms) {
    int v = await middle(ms);                   /* @top-await */
    return v + 1000;                            /* @top-return */
}

static async int on_promise(ac_future(int) f) {
    int v = await f;                            /* @promise-await */
    return v;
}

static async long on_io(int fd) {
    char buf[16];
    ssize_t n = await ac_read(fd, buf, sizeof buf - 1, NULL);   /* @io-await */
    buf[n > 0 ? n : 0] = 0;
    return fd >= 0 ? (long)n : -1L;             /* @io-after */
}

/* gdb stops here: every task above is suspended. */
__attribute__((noinline)) void all_suspended(void) {
    __asm__ volatile("");
}

/* The chains must end in ac_wait whatever the timing: a helper thread
 * acts only once main blocks in ac_wait on the task (its waiter word, ABI,
 * is no longer NONE). */
static _Atomic(ac_task *) watched;
static ac_promise *gate;
static bool wait_mode;

/* A pending future's task: its first member (docs/abi.md); .task is not
 * visible to the dialect's typed view. */
static ac_task *task_of(const void *future) {
    return *(ac_task *const *)future;
}

static void until_awaited(ac_task *t) {
    while (atomic_load(&t->waiter) == AC__WAITER_NONE)
        usleep(1000);
}

static void *helper(void *io_task) {
    if (wait_mode) {                            /* main waits for stdin */
        until_awaited(io_task);
        printf("ready %d\n", (int)getpid());
        fflush(stdout);
    }
    while (!atomic_load(&watched))
        usleep(1000);
    until_awaited(watched);                     /* main in ac_wait(t) */
    ac_cancel_trigger(stop);                    /* leaf resumes */
    ac_promise_set_int(gate, 7);
    return NULL;
}

int main(int argc, char **argv) {
    wait_mode = argc > 1 && strcmp(argv[1], "wait") == 0;
    int fds[2];
    if (pipe(fds) < 0)
        return 1;
    stop = ac_cancel_new();
    ac_future(int) g;
    gate = ac_promise_new(&g);
    ac_future(int) t = top(60000);
    ac_future(int) p = on_promise(g);
    ac_future(long) io = on_io(wait_mode ? 0 : fds[0]);
    all_suspended();
    pthread_t th;
    pthread_create(&th, NULL, helper, task_of(&io));
    if (!wait_mode) {
        printf("dump: %d\n", ac_dump_tasks(stdout));
        if (write(fds[1], "x", 1) != 1)
            return 1;
    }
    long n = ac_wait(io);                       /* wait mode: a byte on stdin */
    atomic_store(&watched, task_of(&t));
    int top_v = ac_wait(t);
    int promise_v = ac_wait(p);
    pthread_join(th, NULL);
    printf("top %d promise %d io %ld\n", top_v, promise_v, n);
    ac_cancel_free(stop);
    close(fds[0]);
    close(fds[1]);
    return ac_shutdown(1000) != 0;
}
