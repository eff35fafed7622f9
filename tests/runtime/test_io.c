/* test_io.c - non-blocking I/O futures on pipes and TCP sockets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <errno.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

#include "lowered.h"

static ac_stats stats(void)
{
    ac_stats s;
    ac_stats_get(&s);
    return s;
}

static void nb_pipe(int fds[2])
{
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(ac_set_nonblocking(fds[0]), 0);
    assert_int_equal(ac_set_nonblocking(fds[1]), 0);
}

static void close_pipe(int fds[2])
{
    ac_io_forget(fds[0]);
    ac_io_forget(fds[1]);
    close(fds[0]);
    close(fds[1]);
}

static void *write_later(void *arg)
{
    usleep(10000);
    ssize_t r = write(*(int *)arg, "hello", 5);
    (void)r;
    return NULL;
}

static void io_read_completes_when_data_arrives(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    char buf[16];
    ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);
    pthread_t th;
    pthread_create(&th, NULL, write_later, &fds[1]);
    assert_int_equal(ac_wait(f), 5);
    assert_memory_equal(buf, "hello", 5);
    pthread_join(th, NULL);
    close_pipe(fds);
}

static void io_ready_read_completes_without_allocating(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    assert_int_equal(write(fds[1], "abc", 3), 3);
    char buf[8];
    uint64_t before = stats().allocated;
    ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, NULL);
    assert_null(f.task);
    assert_int_equal(f.value, 3);
    assert_int_equal(stats().allocated, before);
    close_pipe(fds);
}

static void io_errors_are_negative_errno(void **state)
{
    (void)state;
    char buf[4];
    assert_int_equal(ac_wait(ac_read(-1, buf, 4, NULL)), -EBADF);
    int fds[2];
    nb_pipe(fds);
    ac_future_ssize_t a = ac_read(fds[0], buf, 4, NULL);
    ac_future_ssize_t b = ac_read(fds[0], buf, 4, NULL);
    assert_int_equal(ac_wait(b), -EBUSY);
    ac_io_forget(fds[0]);
    assert_int_equal(ac_wait(a), -EBADF);
    close_pipe(fds);
    assert_string_equal(ac_strerror(-ECANCELED), "Operation canceled");
}

static void io_cancel_pending_read_gives_ecanceled(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    ac_cancel *c = ac_cancel_new();
    char buf[4];
    ac_future_ssize_t f = ac_read(fds[0], buf, 4, c);
    assert_non_null(f.task);
    ac_cancel_trigger(c);
    assert_int_equal(ac_wait(f), -ECANCELED);
    /* Already cancelled: completes at once. */
    f = ac_read(fds[0], buf, 4, c);
    assert_null(f.task);
    assert_int_equal(f.value, -ECANCELED);
    ac_cancel_free(c);
    close_pipe(fds);
}

struct drain {
    int fd;
    size_t total;
};

static void *drain_slowly(void *arg)
{
    struct drain *d = arg;
    char buf[4096];
    while (d->total < (1u << 20)) {
        ssize_t r = read(d->fd, buf, sizeof buf);
        if (r > 0)
            d->total += (size_t)r;
        else
            usleep(100);
    }
    return NULL;
}

static void io_write_all_writes_everything(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    size_t n = 1u << 20;
    char *big = malloc(n);
    memset(big, 'x', n);
    ac_future_ssize_t f = ac_write_all(fds[1], big, n, NULL);
    struct drain d = {fds[0], 0};
    pthread_t th;
    pthread_create(&th, NULL, drain_slowly, &d);
    assert_int_equal(ac_wait(f), (ssize_t)n);
    pthread_join(th, NULL);
    assert_int_equal(d.total, n);
    free(big);
    close_pipe(fds);
}

static int listener(struct sockaddr_in *addr)
{
    int l = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    *addr = (struct sockaddr_in){.sin_family = AF_INET,
                                 .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(l, (struct sockaddr *)addr, sizeof *addr), 0);
    assert_int_equal(listen(l, 16), 0);
    socklen_t len = sizeof *addr;
    getsockname(l, (struct sockaddr *)addr, &len);
    return l;
}

static void io_tcp_accept_connect_send_recv(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    int l = listener(&addr);
    ac_future_int acc = ac_accept(l, NULL);
    assert_non_null(acc.task);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ac_future_int con = ac_connect(c, (struct sockaddr *)&addr, sizeof addr, NULL);
    assert_int_equal(ac_wait(con), 0);
    int s = ac_wait(acc);
    assert_true(s >= 0);
    char buf[8] = {0};
    ac_future_ssize_t r = ac_recv(s, buf, sizeof buf, 0, NULL);
    assert_int_equal(ac_wait(ac_send(c, "ping", 4, 0, NULL)), 4);
    assert_int_equal(ac_wait(r), 4);
    assert_string_equal(buf, "ping");
    assert_int_equal(ac_wait(ac_write(s, "pong", 4, NULL)), 4);
    assert_int_equal(ac_wait(ac_read(c, buf, sizeof buf, NULL)), 4);
    close(c);                            /* peer closed: read gives 0 */
    assert_int_equal(ac_wait(ac_read(s, buf, sizeof buf, NULL)), 0);
    ac_io_forget(c);
    ac_io_forget(s);
    ac_io_forget(l);
    close(s);
    close(l);
}

static void io_connect_refused_is_reported(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    int l = listener(&addr);
    close(l);                            /* nobody listens there now */
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    int r = ac_wait(ac_connect(c, (struct sockaddr *)&addr, sizeof addr, NULL));
    assert_int_equal(r, -ECONNREFUSED);
    ac_io_forget(c);
    close(c);
}

/* ---- async ssize_t echo_once(int fd)
 *      { char buf[64]; ssize_t n = await ac_read(fd, buf, sizeof buf, NULL);
 *        if (n <= 0) return n;
 *        return await ac_write_all(fd, buf, (size_t)n, NULL); } ----
 * buf's address escapes into a pending operation, so the frame is
 * allocated before the address is taken and never moves; if the function
 * completes without suspending, the unpublished frame is freed at once. */
struct echo_frame {
    ac_task hdr;
    ssize_t result;
    int state;
    bool published;             /* an awaiter or the caller knows it */
    ac_task *awaiting;
    int fd;
    char buf[64];
};

static ac_future_ssize_t echo_move(struct echo_frame *fr);

static void echo_resume(ac_task *self)
{
    echo_move((struct echo_frame *)self);
}

static ac_future_ssize_t echo_move(struct echo_frame *fr)
{
    ssize_t n, v;
    switch (fr->state) {
    case 1: goto resume_1;
    case 2: goto resume_2;
    }
    {
        ac_future_ssize_t f = ac_read(fr->fd, fr->buf, sizeof fr->buf, NULL);
        if (!f.task) {
            n = f.value;
        } else {
            fr->awaiting = f.task;
            fr->state = 1;
            fr->published = true;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_ssize_t){&fr->hdr, 0};
        resume_1:
            n = AC__RESULT(ssize_t, fr->awaiting);
            ac__task_free(fr->awaiting);
        }
    }
    if (n <= 0) {
        v = n;
        goto done;
    }
    {
        ac_future_ssize_t f = ac_write_all(fr->fd, fr->buf, (size_t)n, NULL);
        if (!f.task) {
            v = f.value;
        } else {
            fr->awaiting = f.task;
            fr->state = 2;
            fr->published = true;
            if (ac__task_await(f.task, &fr->hdr))
                return (ac_future_ssize_t){&fr->hdr, 0};
        resume_2:
            v = AC__RESULT(ssize_t, fr->awaiting);
            ac__task_free(fr->awaiting);
        }
    }
done:
    if (!fr->published) {               /* never suspended: no heap result */
        ac__frame_free(fr);
        return (ac_future_ssize_t){NULL, v};
    }
    fr->result = v;
    ac_task *self = &fr->hdr;
    ac__task_complete(self);
    return (ac_future_ssize_t){self, 0};
}

static ac_future_ssize_t echo_once(int fd)
{
    struct echo_frame *fr = ac__frame_alloc(sizeof *fr);
    memset(fr, 0, offsetof(struct echo_frame, buf));
    fr->hdr.resume = echo_resume;
    atomic_init(&fr->hdr.waiter, AC__WAITER_NONE);
    fr->fd = fd;
    return echo_move(fr);
}

static void io_echo_frame_with_escaping_buffer(void **state)
{
    (void)state;
    ac_stats s0 = stats();
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv), 0);
    /* Data ready: completes synchronously, the frame is freed at once. */
    assert_int_equal(write(sv[1], "hi", 2), 2);
    ac_future_ssize_t f = echo_once(sv[0]);
    assert_null(f.task);
    assert_int_equal(f.value, 2);
    assert_int_equal(stats().live, s0.live);
    /* Nothing yet: suspends on the read, resumes on a worker. */
    f = echo_once(sv[0]);
    assert_non_null(f.task);
    assert_int_equal(write(sv[1], "hello", 5), 5);
    assert_int_equal(ac_wait(f), 5);
    char buf[16] = {0};
    assert_int_equal(ac_wait(ac_read(sv[1], buf, sizeof buf, NULL)), 7);
    assert_string_equal(buf, "hihello");
    ac_io_forget(sv[0]);
    ac_io_forget(sv[1]);
    close(sv[0]);
    close(sv[1]);
    assert_int_equal(stats().live, s0.live);
}

/* ---- faults: SIGPIPE, descriptors ---- */

static bool sigpipe_pending(void)
{
    sigset_t pend;
    sigpending(&pend);
    return sigismember(&pend, SIGPIPE);
}

static void *write_on_worker(void *arg)
{
    ac_future_ssize_t f = ac_write(*(int *)arg, "x", 1, NULL);
    return (void *)(intptr_t)(f.task ? 1 : f.value);  /* completes at once */
}

/* The default SIGPIPE disposition kills the process: each write below
 * would, if the runtime let the signal through (exit 141). */
static void io_write_to_gone_reader_gives_epipe_without_signal(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_DFL);
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    close(fds[0]);
    assert_int_equal(ac_wait(ac_write(fds[1], "x", 1, NULL)), -EPIPE);
    assert_int_equal(ac_wait(ac_write_all(fds[1], "xy", 2, NULL)), -EPIPE);
    assert_false(sigpipe_pending());
    /* On a worker too (SIGPIPE blocked there for good). */
    assert_int_equal((intptr_t)ac_wait(ac_run(write_on_worker, &fds[1])), -EPIPE);
    ac_close(fds[1]);
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    close(sv[1]);
    assert_int_equal(ac_wait(ac_write(sv[0], "x", 1, NULL)), -EPIPE);
    assert_int_equal(ac_wait(ac_write_all(sv[0], "x", 1, NULL)), -EPIPE);
    assert_int_equal(ac_wait(ac_send(sv[0], "x", 1, 0, NULL)), -EPIPE);
    assert_false(sigpipe_pending());
    ac_close(sv[0]);
}

static void *close_later(void *arg)
{
    usleep(20000);
    close(*(int *)arg);
    return NULL;
}

/* A write waiting for room when the reader goes: the I/O thread's retry
 * gets EPIPE, not the signal. */
static void io_pending_write_to_gone_reader_gives_epipe(void **state)
{
    (void)state;
    signal(SIGPIPE, SIG_DFL);
    int fds[2];
    nb_pipe(fds);
    size_t n = 1u << 20;
    char *big = calloc(1, n);
    ac_future_ssize_t f = ac_write_all(fds[1], big, n, NULL);
    assert_non_null(f.task);              /* the pipe is full */
    pthread_t th;
    pthread_create(&th, NULL, close_later, &fds[0]);
    assert_int_equal(ac_wait(f), -EPIPE);
    pthread_join(th, NULL);
    ac_io_forget(fds[0]);
    ac_close(fds[1]);
    free(big);
}

/* A descriptor without O_NONBLOCK used to hang ac_read on the caller's
 * thread; the runtime now sets the flag itself. */
static void io_blocking_descriptor_is_made_nonblocking(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);       /* blocking */
    alarm(20);                            /* a hang fails the test */
    char buf[8];
    ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* pending, not blocked */
    assert_true(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
    assert_int_equal(write(fds[1], "ok", 2), 2);
    assert_int_equal(ac_wait(f), 2);
    alarm(0);
    ac_close(fds[0]);
    ac_close(fds[1]);
}

/* close() behind the runtime's back, then a new file with the same
 * number: its operations used to wait forever (the old registration). */
static void io_descriptor_reused_after_close_does_not_hang(void **state)
{
    (void)state;
    int a[2], b[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, a), 0);
    char buf[8];
    ac_future_ssize_t f = ac_read(a[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* registered with epoll */
    assert_int_equal(write(a[1], "1", 1), 1);
    assert_int_equal(ac_wait(f), 1);
    int num = a[0];
    close(a[0]);                          /* no ac_close */
    close(a[1]);
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
    if (b[0] != num) {                    /* force the number's reuse */
        assert_int_equal(dup2(b[0], num), num);
        close(b[0]);
        b[0] = num;
    }
    alarm(20);
    f = ac_read(b[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);
    assert_int_equal(write(b[1], "22", 2), 2);
    assert_int_equal(ac_wait(f), 2);
    alarm(0);
    ac_close(b[0]);
    ac_close(b[1]);
}

/* close() behind the runtime's back while an op waits: epoll forgets the
 * closed file, so the op used to wait forever; the sweep (io.c, once a
 * second) completes it with -EBADF. */
static void io_pending_read_of_closed_descriptor_gives_ebadf(void **state)
{
    (void)state;
    int a[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    char buf[8];
    ac_future_ssize_t f = ac_read(a[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* registered, armed */
    int fd = a[0];
    close(a[0]);                          /* no ac_close */
    alarm(20);
    assert_int_equal(ac_wait(f), -EBADF);
    alarm(0);
    ac_io_forget(fd);
    ac_close(a[1]);
}

/* A new socket pair whose first end has the number num (free now). */
static void socketpair_at(int num, int b[2])
{
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, b), 0);
    if (b[0] != num) {
        assert_int_equal(dup2(b[0], num), num);
        close(b[0]);
        b[0] = num;
    }
}

/* The number reused while ops wait: the sweep fails the op that an
 * earlier sweep saw waiting (the old file's) and tries again the one armed
 * since (the new file's), on the new file. */
static void io_sweep_tells_old_ops_from_new(void **state)
{
    (void)state;
    int a[2], b[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    static char big[1 << 22];
    ac_future_ssize_t old = ac_write_all(a[0], big, sizeof big, NULL);
    assert_non_null(old.task);            /* the peer reads nothing: waits */
    ac_wait(ac_delay(2200));              /* a sweep saw it (the timer runs
                                           * after it on the poller: TSan
                                           * sees the close come after) */
    int num = a[0];
    close(a[0]);                          /* no ac_close */
    socketpair_at(num, b);
    char buf[8] = {0};
    alarm(20);
    ac_future_ssize_t f = ac_read(b[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* armed on the stale registration */
    assert_int_equal(write(b[1], "22", 2), 2);
    assert_int_equal(ac_wait(f), 2);
    assert_memory_equal(buf, "22", 2);
    assert_int_equal(ac_wait(old), -EBADF);
    alarm(0);
    ac_close(a[1]);
    ac_close(b[0]);
    ac_close(b[1]);
}

/* ac_accept adopts the socket it returns without asking the kernel, and
 * forgets what the runtime knew of its number: here an op left waiting on
 * a file closed behind the runtime's back, which completes with -EBADF at
 * once (not at the sweep), while the new socket reads normally. */
static void io_accept_adopts_the_number_afresh(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    int l = listener(&addr);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    assert_true(c >= 0);
    int a[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    char buf[8] = {0};
    ac_future_ssize_t stale = ac_read(a[0], buf, sizeof buf, NULL);
    assert_non_null(stale.task);
    int num = a[0];
    close(a[0]);                          /* no ac_close: num is free */
    ac_future_int con = ac_connect(c, (struct sockaddr *)&addr, sizeof addr, NULL);
    assert_true(con.task != NULL || con.value == 0);
    int s = ac_wait(ac_accept(l, NULL));
    assert_int_equal(s, num);             /* the lowest free number */
    assert_int_equal(ac_wait(stale), -EBADF);
    assert_int_equal(ac_wait(con), 0);
    ac_future_ssize_t r = ac_read(s, buf, sizeof buf, NULL);
    assert_int_equal(ac_wait(ac_write(c, "ok", 2, NULL)), 2);
    alarm(20);
    assert_int_equal(ac_wait(r), 2);
    alarm(0);
    assert_memory_equal(buf, "ok", 2);
    ac_close(s);
    ac_close(c);
    ac_close(l);
    ac_close(a[1]);
}

/* A socket reads with recv; an accepted socket's number closed behind the
 * runtime's back and reused by a pipe (no fstat to notice: accepted
 * sockets are adopted without one) must still read the pipe, through
 * read after recv's ENOTSOCK. */
static void io_read_of_socket_number_reused_by_pipe(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    int l = listener(&addr);
    int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    assert_true(c >= 0);
    ac_future_int con = ac_connect(c, (struct sockaddr *)&addr, sizeof addr, NULL);
    int s = ac_wait(ac_accept(l, NULL));
    assert_true(s >= 0);
    assert_int_equal(ac_wait(con), 0);
    close(s);                             /* no ac_close: the runtime thinks it a socket */
    int p[2];
    nb_pipe(p);
    if (p[0] != s) {                      /* force the number's reuse */
        assert_int_equal(dup2(p[0], s), s);
        close(p[0]);
        p[0] = s;
    }
    assert_int_equal(write(p[1], "pipe", 4), 4);
    char buf[8] = {0};
    alarm(20);
    assert_int_equal(ac_wait(ac_read(p[0], buf, sizeof buf, NULL)), 4);
    alarm(0);
    assert_memory_equal(buf, "pipe", 4);
    close_pipe(p);
    ac_close(c);
    ac_close(l);
}

/* ac_close leaves the epoll set to close(); here the file stays open (a
 * dup), so its registration under the old number stays too, and its
 * events name the number that a new file now has: they only make the new
 * file's read try again, and each file's reads get their own bytes. */
static void io_close_of_shared_file_leaves_no_confusion(void **state)
{
    (void)state;
    int a[2], b[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, a), 0);
    char buf[8] = {0};
    ac_future_ssize_t f = ac_read(a[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* registered with epoll */
    assert_int_equal(write(a[1], "1", 1), 1);
    assert_int_equal(ac_wait(f), 1);
    int num = a[0], d = dup(a[0]);
    assert_true(d >= 0);
    assert_int_equal(ac_close(a[0]), 0);  /* the file lives on as d */
    socketpair_at(num, b);               /* the number names a new file */
    alarm(20);
    f = ac_read(b[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);
    assert_int_equal(write(a[1], "old", 3), 3);   /* an event naming num */
    ac_future_ssize_t g = ac_read(d, buf + 4, 4, NULL);
    assert_int_equal(ac_wait(g), 3);
    assert_memory_equal(buf + 4, "old", 3);
    assert_int_equal(write(b[1], "22", 2), 2);
    assert_int_equal(ac_wait(f), 2);
    assert_memory_equal(buf, "22", 2);
    alarm(0);
    ac_close(d);
    ac_close(a[1]);
    ac_close(b[0]);
    ac_close(b[1]);
}

static void io_closed_descriptor_gives_ebadf(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    char buf[8];
    assert_int_equal(write(fds[1], "x", 1), 1);
    assert_int_equal(ac_wait(ac_read(fds[0], buf, sizeof buf, NULL)), 1);
    close(fds[0]);                        /* no ac_close */
    assert_int_equal(ac_wait(ac_read(fds[0], buf, sizeof buf, NULL)), -EBADF);
    ac_close(fds[1]);
}

static void io_close_forgets_and_closes(void **state)
{
    (void)state;
    int fds[2];
    nb_pipe(fds);
    char buf[8];
    ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);
    assert_int_equal(ac_close(fds[0]), 0);
    assert_int_equal(ac_wait(f), -EBADF);           /* the pending read */
    assert_int_equal(fcntl(fds[0], F_GETFD), -1);   /* and closed */
    assert_int_equal(ac_close(fds[0]), -EBADF);
    ac_close(fds[1]);
}

static void free_token_in_use(void)
{
    int fds[2];
    if (pipe(fds) != 0)
        _exit(2);
    ac_cancel *c = ac_cancel_new();
    char buf[4];
    ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, c);
    (void)f;
    ac_cancel_free(c);                    /* the read still holds c */
    _exit(0);
}

static void io_cancel_free_in_use_names_the_call(void **state)
{
    (void)state;
    char buf[4096];
    int st = run_in_child(free_token_in_use, buf, sizeof buf, 20);
    assert_true(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT);
    assert_non_null(strstr(buf, "test_io.c:"));
    assert_non_null(strstr(buf, "ac_cancel_free"));
    assert_non_null(strstr(buf, "ac_read"));
    assert_null(strstr(buf, "assertion failed"));
}

/* A read of a TCP socket that returned fewer bytes than asked for lets
 * the next read arm without trying (io.c, read_drained), but never where
 * bytes or an end of file are still queued without a new epoll edge to
 * announce them.  Each case first registers the socket (a read that
 * waits), then queues what the reads must find and lets the poller see
 * it, then reads twice.  Without the hang-up flag the TCP end of file,
 * and without the socket check the second datagram, would never arrive. */
static void tcp_pair(int *srv, int *cli)
{
    struct sockaddr_in addr;
    int l = listener(&addr);
    *cli = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(*cli, (struct sockaddr *)&addr, sizeof addr), 0);
    for (int i = 0; (*srv = accept(l, NULL, NULL)) < 0 && i < 1000; i++)
        usleep(1000);                     /* the listener is non-blocking */
    assert_true(*srv >= 0);
    close(l);
}

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* A read of 0 bytes gives 0 at once, as read(2) does, on a socket too
 * (recv would wait for data on an empty stream, and take a queued
 * datagram), also right after a short read (the shortcut would wait). */
static void io_zero_length_read_of_socket_returns_at_once(void **state)
{
    (void)state;
    int st[2], dg[2];
    char buf[8];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, st), 0);
    assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, dg), 0);
    alarm(20);
    ac_future_ssize_t f = ac_read(st[0], buf, 0, NULL);
    assert_null(f.task);
    assert_int_equal(ac_wait(f), 0);
    assert_int_equal(write(dg[1], "abc", 3), 3);
    assert_int_equal(ac_wait(ac_read(dg[0], buf, 0, NULL)), 0);
    assert_int_equal(ac_wait(ac_read(dg[0], buf, sizeof buf, NULL)), 3);  /* kept */
    int s, c;
    tcp_pair(&s, &c);
    assert_int_equal(ac_wait(ac_write(c, "x", 1, NULL)), 1);
    f = ac_read(s, buf, sizeof buf, NULL);
    assert_int_equal(ac_wait(f), 1);                 /* short: drained */
    f = ac_read(s, buf, 0, NULL);
    assert_null(f.task);
    assert_int_equal(ac_wait(f), 0);
    alarm(0);
    ac_close(st[0]);
    ac_close(st[1]);
    ac_close(dg[0]);
    ac_close(dg[1]);
    ac_close(s);
    ac_close(c);
}

/* TCP stops a read at the urgent mark with data queued behind it: a short
 * read there does not prove the queue empty, so the next read must try
 * (it used to wait for the once-a-second sweep); and a recv of the
 * urgent byte (MSG_OOB) drains nothing. */
/* Urgent data after the wait of `before_us`: the read after the short
 * read at the mark must try, within 0.5 s. */
static void read_after_urgent_data(int before_us)
{
    int s, c;
    tcp_pair(&s, &c);
    char buf[64];
    ac_future_ssize_t f = ac_read(s, buf, sizeof buf, NULL);   /* registers s */
    usleep(before_us);
    assert_int_equal(send(c, "ab", 2, MSG_MORE), 2);
    assert_int_equal(send(c, "!", 1, MSG_OOB), 1);
    assert_int_equal(send(c, "cd", 2, 0), 2);
    assert_int_equal(ac_wait(f), 2);                 /* stops at the mark */
    double t0 = seconds();
    assert_int_equal(ac_wait(ac_read(s, buf, sizeof buf, NULL)), 2);
    assert_true(seconds() - t0 < 0.5);
    ac_close(s);
    ac_close(c);
}

/* The same after a sweep re-armed the waiting read's descriptor: the
 * sweep's EPOLL_CTL_MOD used to leave EPOLLPRI out, so the urgent data
 * went unreported and the read after the mark waited for the next sweep
 * (a hostile tester: 0.9 to 1.9 s). */
static void io_read_after_urgent_data_after_a_sweep_does_not_wait(void **state)
{
    (void)state;
    alarm(20);
    read_after_urgent_data(1300000);    /* a sweep comes within a second */
    alarm(0);
}

static void io_read_after_urgent_data_does_not_wait(void **state)
{
    (void)state;
    char buf[64];
    alarm(20);
    read_after_urgent_data(20000);
    double t0;
    int s2, c2;
    tcp_pair(&s2, &c2);
    assert_int_equal(send(c2, "abcde!", 6, MSG_OOB), 6);    /* '!' urgent */
    usleep(50000);
    assert_int_equal(ac_wait(ac_recv(s2, buf, sizeof buf, MSG_OOB, NULL)), 1);
    t0 = seconds();
    assert_int_equal(ac_wait(ac_read(s2, buf, sizeof buf, NULL)), 5);
    assert_true(seconds() - t0 < 0.5);
    alarm(0);
    ac_close(s2);
    ac_close(c2);
}

/* An accepted TCP socket (a stream, as its listener is) read short, so
 * that its next read would take the shortcut, closed behind the runtime's
 * back before it was ever registered, and its number reused by a regular
 * file, which epoll cannot watch: the read reads the file (it gave
 * -EPERM from epoll_ctl). */
static void io_shortcut_read_of_number_reused_by_regular_file(void **state)
{
    (void)state;
    struct sockaddr_in addr;
    int l = listener(&addr);
    int c = socket(AF_INET, SOCK_STREAM, 0);
    assert_int_equal(connect(c, (struct sockaddr *)&addr, sizeof addr), 0);
    alarm(20);
    int s = ac_wait(ac_accept(l, NULL));
    assert_true(s >= 0);
    assert_int_equal(write(c, "hi", 2), 2);
    char buf[64];
    /* Loopback queues "hi" before write returns: this read finds it at
     * once, so s is never registered with epoll. */
    assert_int_equal(ac_wait(ac_read(s, buf, sizeof buf, NULL)), 2);   /* short */
    close(s);                                        /* no ac_close */
    char path[] = "/tmp/asyncc-test-io-XXXXXX";
    int file = mkstemp(path);
    assert_true(file >= 0);
    unlink(path);
    assert_int_equal(write(file, "file", 4), 4);
    assert_int_equal(lseek(file, 0, SEEK_SET), 0);
    if (file != s) {
        assert_int_equal(dup2(file, s), s);
        close(file);
    }
    assert_int_equal(ac_wait(ac_read(s, buf, sizeof buf, NULL)), 4);
    alarm(0);
    assert_memory_equal(buf, "file", 4);
    ac_close(s);
    close(c);
    ac_close(l);
}

static void read_twice_after_registering(int rd, int wr, bool close_peer)
{
    char buf[8];
    ac_future_ssize_t f = ac_read(rd, buf, sizeof buf, NULL);
    assert_non_null(f.task);              /* registered with epoll */
    assert_int_equal(write(wr, "1", 1), 1);
    assert_int_equal(ac_wait(f), 1);      /* short: the queue was empty */
    assert_int_equal(write(wr, "ab", 2), 2);
    if (close_peer)
        assert_int_equal(shutdown(wr, SHUT_WR), 0);
    else
        assert_int_equal(write(wr, "cd", 2), 2);   /* a second datagram */
    usleep(50000);                        /* the poller handles the edges */
    alarm(20);
    assert_int_equal(ac_wait(ac_read(rd, buf, sizeof buf, NULL)), 2);
    assert_int_equal(ac_wait(ac_read(rd, buf, sizeof buf, NULL)),
                     close_peer ? 0 : 2);
    alarm(0);
    ac_close(rd);
    close(wr);
}

static void io_read_after_short_read_finds_queued_datagram(void **state)
{
    (void)state;
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    read_twice_after_registering(sv[0], sv[1], false);
}

static void io_read_after_short_read_finds_queued_eof(void **state)
{
    (void)state;
    int s, c;
    tcp_pair(&s, &c);
    read_twice_after_registering(s, c, true);
}

/* The common case the shortcut is for: after a short read the next read
 * waits, and the bytes sent later arrive. */
static void io_read_after_short_read_waits_for_more(void **state)
{
    (void)state;
    int s, c;
    char buf[8];
    tcp_pair(&s, &c);
    for (int i = 0; i < 3; i++) {
        ac_future_ssize_t f = ac_read(s, buf, sizeof buf, NULL);
        assert_non_null(f.task);
        assert_int_equal(write(c, "xyz", 3), 3);
        assert_int_equal(ac_wait(f), 3);
    }
    ac_close(s);
    close(c);
}

/* ---- the poll token: parked workers poll epoll themselves ---- */
static uint64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* Context switches of the runtime's I/O thread ("asyncc-io"), -1 if none. */
static long io_thread_switches(void)
{
    DIR *d = opendir("/proc/self/task");
    long total = -1;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        char path[300], name[32] = "", line[128];
        snprintf(path, sizeof path, "/proc/self/task/%s/comm", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        if (!fgets(name, sizeof name, f))
            name[0] = '\0';
        fclose(f);
        if (strncmp(name, "asyncc-io", 9) != 0)
            continue;
        snprintf(path, sizeof path, "/proc/self/task/%s/status", e->d_name);
        if (!(f = fopen(path, "r")))
            continue;
        total = 0;
        while (fgets(line, sizeof line, f)) {
            long v;
            if (sscanf(line, "voluntary_ctxt_switches: %ld", &v) == 1 ||
                sscanf(line, "nonvoluntary_ctxt_switches: %ld", &v) == 1)
                total += v;
        }
        fclose(f);
    }
    if (d)
        closedir(d);
    return total;
}

static void restart_with_two_workers(void)
{
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    assert_int_equal(ac_start(&(ac_config){.workers = 2}), 0);
    usleep(50000);      /* both park: one in epoll_wait, one on the futex */
}

/* A read that waits is completed by the parked worker that polls, not by
 * the I/O thread: 200 waits cost the I/O thread a few wake-ups (its
 * watch every MON_IDLE_MS), not one each (it did every read before). */
static void io_read_completed_by_polling_worker(void **state)
{
    (void)state;
    restart_with_two_workers();
    int fds[2];
    nb_pipe(fds);
    long before = io_thread_switches();
    assert_true(before >= 0);
    for (int i = 0; i < 200; i++) {
        char buf[8];
        ac_future_ssize_t f = ac_read(fds[0], buf, sizeof buf, NULL);
        assert_non_null(f.task);
        assert_int_equal(write(fds[1], "x", 1), 1);
        assert_int_equal(ac_wait(f), 1);
        assert_int_equal(buf[0], 'x');
    }
    long after = io_thread_switches();
    assert_true(after - before < 100);
    close_pipe(fds);
}

/* A timer made while a worker waits in epoll_wait (its timeout then the
 * sweep's second) fires on time: the eventfd shortens that wait.  The I/O
 * thread cannot fire it meanwhile (the worker holds the poll token): a
 * missed wake-up shows as a wait of up to a second. */
static void io_timer_fires_while_worker_polls(void **state)
{
    (void)state;
    restart_with_two_workers();
    for (int i = 0; i < 5; i++) {
        uint64_t t0 = mono_ms();
        ac_wait(ac_delay(30));
        uint64_t took = mono_ms() - t0;
        assert_true(took >= 30);
        assert_true(took < 500);
        usleep(20000);
    }
}

static atomic_bool chain_stop;

static void *chain(void *arg)       /* a short job that queues itself again */
{
    if (!atomic_load(&chain_stop))
        ac_detach(ac_run(chain, arg));
    return NULL;
}

static void *spin_ms(void *arg)
{
    uint64_t until = mono_ms() + (uintptr_t)arg;
    while (mono_ms() < until)
        ;
    return NULL;
}

static int injected_fds[2];
static uint64_t wrote_at;

/* Injects a 1.5 s job, then writes the byte the main thread waits for. */
static void *inject_then_write(void *arg)
{
    (void)arg;
    usleep(100000);                     /* main is in ac_wait by now */
    ac_detach(ac_run(spin_ms, (void *)(uintptr_t)1500));
    wrote_at = mono_ms();
    ssize_t r = write(injected_fds[1], "x", 1);
    return (void *)(intptr_t)r;
}

/* An ac_wait caller's read, completed by a busy worker's poll at the
 * inject queue's turn, wakes the caller at once.  Its wake-up used to go
 * to the worker's LIFO slot, behind the injected job that the same turn
 * then took: here a 1.5 s one (a hostile tester: 1,500 ms late in 3 of 5
 * runs). */
static void io_wait_caller_not_held_by_injected_job(void **state)
{
    (void)state;
    restart_with_two_workers();
    nb_pipe(injected_fds);
    atomic_store(&chain_stop, false);
    for (int i = 0; i < 4; i++)
        ac_detach(ac_run(chain, NULL));
    char buf[8];
    ac_future_ssize_t f = ac_read(injected_fds[0], buf, sizeof buf, NULL);
    assert_non_null(f.task);
    pthread_t th;
    pthread_create(&th, NULL, inject_then_write, NULL);
    assert_int_equal(ac_wait(f), 1);
    uint64_t took = mono_ms() - wrote_at;
    atomic_store(&chain_stop, true);
    void *r;
    pthread_join(th, &r);
    assert_int_equal((intptr_t)r, 1);
    assert_true(took < 500);
    close_pipe(injected_fds);
}

static void *read_in_thread(void *arg)
{
    int *fds = arg;
    char buf[8];
    ssize_t r = ac_wait(ac_read(fds[0], buf, sizeof buf, NULL));
    return (void *)(intptr_t)r;
}

/* ac_shutdown while a worker waits in epoll_wait (a read pending): the
 * read gets -ECANCELED and the worker is woken at once, not at its
 * timeout. */
static void io_shutdown_wakes_polling_worker(void **state)
{
    (void)state;
    restart_with_two_workers();
    int fds[2];
    nb_pipe(fds);
    pthread_t th;
    pthread_create(&th, NULL, read_in_thread, fds);
    usleep(50000);
    uint64_t t0 = mono_ms();
    assert_int_equal(ac_shutdown(0), 0);
    assert_true(mono_ms() - t0 < 700);  /* a missed wake-up waits 1000 */
    void *r;
    pthread_join(th, &r);
    assert_int_equal((intptr_t)r, -ECANCELED);
    close_pipe(fds);
    assert_int_equal(ac_start(NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(io_read_completes_when_data_arrives),
        cmocka_unit_test(io_ready_read_completes_without_allocating),
        cmocka_unit_test(io_errors_are_negative_errno),
        cmocka_unit_test(io_cancel_pending_read_gives_ecanceled),
        cmocka_unit_test(io_write_all_writes_everything),
        cmocka_unit_test(io_tcp_accept_connect_send_recv),
        cmocka_unit_test(io_connect_refused_is_reported),
        cmocka_unit_test(io_echo_frame_with_escaping_buffer),
        cmocka_unit_test(io_write_to_gone_reader_gives_epipe_without_signal),
        cmocka_unit_test(io_pending_write_to_gone_reader_gives_epipe),
        cmocka_unit_test(io_blocking_descriptor_is_made_nonblocking),
        cmocka_unit_test(io_descriptor_reused_after_close_does_not_hang),
        cmocka_unit_test(io_pending_read_of_closed_descriptor_gives_ebadf),
        cmocka_unit_test(io_sweep_tells_old_ops_from_new),
        cmocka_unit_test(io_accept_adopts_the_number_afresh),
        cmocka_unit_test(io_read_of_socket_number_reused_by_pipe),
        cmocka_unit_test(io_zero_length_read_of_socket_returns_at_once),
        cmocka_unit_test(io_read_after_urgent_data_does_not_wait),
        cmocka_unit_test(io_read_after_urgent_data_after_a_sweep_does_not_wait),
        cmocka_unit_test(io_shortcut_read_of_number_reused_by_regular_file),
        cmocka_unit_test(io_close_of_shared_file_leaves_no_confusion),
        cmocka_unit_test(io_closed_descriptor_gives_ebadf),
        cmocka_unit_test(io_close_forgets_and_closes),
        cmocka_unit_test(io_cancel_free_in_use_names_the_call),
        cmocka_unit_test(io_read_after_short_read_finds_queued_datagram),
        cmocka_unit_test(io_read_after_short_read_finds_queued_eof),
        cmocka_unit_test(io_read_after_short_read_waits_for_more),
        cmocka_unit_test(io_read_completed_by_polling_worker),
        cmocka_unit_test(io_timer_fires_while_worker_polls),
        cmocka_unit_test(io_wait_caller_not_held_by_injected_job),
        cmocka_unit_test(io_shutdown_wakes_polling_worker),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    assert_int_equal(ac_shutdown(UINT64_MAX), 0);
    return rc;
}
