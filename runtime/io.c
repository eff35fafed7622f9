/* io.c - non-blocking I/O on epoll, and the poll step that also runs
 * timers.
 *
 * One epoll set, polled by one thread at a time, the holder of the poll
 * token (see there): a worker about to park waits in epoll_wait with the
 * next timer's timeout (at most SWEEP_MS: see the sweep) and completes
 * what is ready on its own thread, so the awaiters start there without a
 * hop through the inject queue (tokio's design, with one shared set);
 * busy workers poll without waiting at the inject queue's turn; the I/O
 * thread only watches, and polls when nobody else did (io_main).  Timers
 * and I/O share one clock and one wait.  In single-threaded mode the
 * driving thread calls the same poll step.
 *
 * Every operation first tries its syscall on the caller's thread; only on
 * EAGAIN does it allocate an op and arm it.  Each fd is registered once,
 * edge-triggered, for both directions; its fdstate holds at most one
 * read-side and one write-side op, and a sequence number per side bumped
 * by every event.  An op reads the sequence before its syscall and arms
 * only if it did not move (else it retries), so an edge that arrives
 * between a failed syscall and the arming is never lost.
 *
 * Op states, changed under the fdstate lock:
 *   NEW      being started by the caller (not visible to the poller)
 *   ARMED    stored in the fdstate, waiting for an event
 *   RUNNING  taken by the poller, retrying its syscall
 * Whoever takes an op out of ARMED owns its completion; a cancellation
 * that finds it NEW or RUNNING leaves a flag that the owner honours. */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

enum kind { K_READ, K_WRITE, K_WRITE_ALL, K_RECV, K_SEND, K_ACCEPT, K_CONNECT };
enum state { NEW, ARMED, RUNNING };
enum { CHUNK = 1024, NCHUNKS = 1024 };   /* fds 0 .. 1M-1 */

struct op {
    ac_task hdr;
    union { ssize_t ss; int i; } result;  /* ssize_t or int per kind */
    int fd;
    uint8_t kind;
    uint8_t state;              /* under the fdstate lock */
    bool cancelled;             /* fn ran while NEW or RUNNING; under lock */
    bool sock;                  /* write as send(MSG_NOSIGNAL) */
    bool verified;              /* ARMED while a sweep found fd's file the
                                 * one registered; under lock (sweep) */
    bool tried;                 /* its syscall was tried (arm: EPERM) */
    int flags;
    char *buf;
    size_t len, done;
    ac_cancel *token;
    ac__cancel_reg reg;
};

/* What the runtime knows of a descriptor number.  `checked` is set once
 * the descriptor was seen (fstat) and made non-blocking, or returned by
 * ac_accept (non-blocking from accept4: no system call); dev/ino name the
 * file it had then (for an accepted socket, the first sweep or debug check
 * records them), so that a descriptor closed and reused behind the
 * runtime's back (close() without ac_close) is recognised: by the sweep of
 * the ops that wait (sweep_armed, once a SWEEP_MS), where a stale
 * registration would hang, and under ASYNCC_DEBUG at every operation.
 * Reset by ac_close/ac_io_forget, by an EBADF, and by ac_accept returning
 * the number. */
struct fdstate {
    ac__lock_t lock;
    _Atomic uint32_t seq[2];    /* events seen, per side (0 read, 1 write) */
    /* A short read drains a stream socket: see read_drained. */
    _Atomic uint32_t drained_seq;   /* seq[0] before that read */
    struct op *op[2];           /* ARMED op per side */
    _Atomic bool checked;       /* written under lock, read without */
    bool sock;                  /* a socket: writes use send(MSG_NOSIGNAL) */
    bool registered;            /* in the epoll set */
    bool ino_known;             /* dev/ino were recorded */
    _Atomic bool drained;           /* the last read was short */
    _Atomic bool no_shortcut;       /* RDHUP, HUP, ERR or PRI (urgent
                                     * data, where TCP stops a read
                                     * short) was reported */
    _Atomic int8_t stream;          /* TCP: 1 yes, 0 no, -1 unknown */
    dev_t dev;
    ino_t ino;
} __attribute__((aligned(64)));
/* One cache line per descriptor (lock.c says why). */
_Static_assert(sizeof(struct fdstate) == 64, "an fdstate is one cache line");

static _Atomic(struct fdstate *) chunks[NCHUNKS];
static pthread_mutex_t chunk_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int epfd = -1, evfd = -1;    /* created once, kept for the process */
static pthread_t thread;
static _Atomic bool has_thread;
static _Atomic bool stop;
static _Atomic long pending;
static _Atomic bool closing;    /* ac_shutdown: no op may wait now */

static const char *const kind_name[] = {
    "ac_read", "ac_write", "ac_write_all", "ac_recv", "ac_send", "ac_accept",
    "ac_connect",
};

static bool write_side(int kind)
{
    return kind == K_WRITE || kind == K_WRITE_ALL || kind == K_SEND ||
           kind == K_CONNECT;
}

static bool returns_int(int kind)
{
    return kind == K_ACCEPT || kind == K_CONNECT;
}

static struct fdstate *fdstate(int fd)
{
    if (fd < 0 || fd >= CHUNK * NCHUNKS)
        return NULL;
    _Atomic(struct fdstate *) *slot = &chunks[fd / CHUNK];
    struct fdstate *c = atomic_load_explicit(slot, memory_order_acquire);
    if (!c) {
        pthread_mutex_lock(&chunk_lock);
        c = atomic_load_explicit(slot, memory_order_relaxed);
        if (!c) {
            /* The runtime's first use reads ASYNCC_DEBUG (debug.c): done
             * before the chunk is published, so that check_fd, on any
             * thread, reads ac__debug after it (once per chunk, not per
             * operation, also from a thread that never allocated). */
            ac__alloc_thread_init();
            c = aligned_alloc(_Alignof(struct fdstate), CHUNK * sizeof *c);
            if (!c)
                ac__panic("out of memory (fd table)");
            memset(c, 0, CHUNK * sizeof *c);
            atomic_store_explicit(slot, c, memory_order_release);
        }
        pthread_mutex_unlock(&chunk_lock);
    }
    return &c[fd % CHUNK];
}

/* {===== SIGPIPE ===== */
/* A write to a pipe or socket whose reader has gone raises SIGPIPE, which
 * kills a program that did not ignore it.  The runtime never lets it be
 * delivered, without touching the process's disposition: sockets are
 * written with send(MSG_NOSIGNAL); other descriptors with SIGPIPE blocked
 * in the writing thread, and a SIGPIPE that the write left pending on this
 * thread is consumed with sigtimedwait before the mask is restored (the
 * libuv/OpenSSL way; thread-safe, since the mask and a write's SIGPIPE
 * belong to the thread).  The runtime's own threads (workers, I/O thread)
 * keep SIGPIPE blocked from their start, so there a write costs no extra
 * syscall unless it fails with EPIPE. */
static __thread bool sigpipe_blocked;

void ac__io_block_sigpipe(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    sigpipe_blocked = true;
}

static void consume_sigpipe(const sigset_t *set)
{
    struct timespec zero = {0, 0};
    while (sigtimedwait(set, NULL, &zero) < 0 && errno == EINTR)
        ;
}

static ssize_t write_nosigpipe(int fd, const void *p, size_t n)
{
    sigset_t set, old, pend;
    sigemptyset(&set);
    sigaddset(&set, SIGPIPE);
    if (sigpipe_blocked) {
        ssize_t r = write(fd, p, n);
        if (r < 0 && errno == EPIPE) {
            consume_sigpipe(&set);
            errno = EPIPE;
        }
        return r;
    }
    pthread_sigmask(SIG_BLOCK, &set, &old);
    bool was_pending = sigpending(&pend) == 0 && sigismember(&pend, SIGPIPE);
    ssize_t r = write(fd, p, n);
    int err = errno;
    if (r < 0 && err == EPIPE && !was_pending)
        consume_sigpipe(&set);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return r;
}
/* }===== */

/* {===== syscalls ===== */
static void adopt_accepted(int listener, int fd);
static void forget(int fd, bool unregister);

/* A TCP (IPv4 or IPv6 stream) socket? (read_drained) */
static bool tcp_stream(int fd)
{
    int type = 0, domain = 0;
    socklen_t len = sizeof type, dlen = sizeof domain;
    return getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 &&
           type == SOCK_STREAM &&
           getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &dlen) == 0 &&
           (domain == AF_INET || domain == AF_INET6);
}

/* One attempt: the result, or -EAGAIN to wait for readiness. */
static ssize_t attempt(struct op *op)
{
    ssize_t r;
    char *p = op->buf + op->done;
    size_t n = op->len - op->done;
    op->tried = true;
    switch (op->kind) {
    case K_READ:
        /* A socket reads with recv, as it writes with send: read's VFS
         * layer above the socket (permission and fsnotify hooks) was 2% of
         * a keep-alive HTTP request's CPU.  Not for a read of 0 bytes,
         * which read answers 0 at once where recv waits for data (or
         * takes a datagram). */
        if (op->sock && n > 0) {
            r = recv(op->fd, p, n, 0);
            if (r >= 0 || errno != ENOTSOCK)
                break;
            op->sock = false;  /* the number was reused behind our back */
        }
        r = read(op->fd, p, n);
        break;
    case K_WRITE:
    case K_WRITE_ALL:
        r = op->sock ? send(op->fd, p, n, MSG_NOSIGNAL) : -1;
        if (!op->sock || (r < 0 && errno == ENOTSOCK)) {
            op->sock = false;  /* the number was reused behind our back */
            r = write_nosigpipe(op->fd, p, n);
        }
        break;
    case K_RECV:      r = recv(op->fd, p, n, op->flags); break;
    case K_SEND:      r = send(op->fd, p, n, op->flags | MSG_NOSIGNAL); break;
    case K_ACCEPT:
        r = accept4(op->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (r >= 0)
            adopt_accepted(op->fd, (int)r);
        break;
    default: {                  /* K_CONNECT, after EINPROGRESS */
        int err = 0;
        socklen_t sl = sizeof err;
        if (getsockopt(op->fd, SOL_SOCKET, SO_ERROR, &err, &sl) < 0)
            return -errno;
        return err == EINPROGRESS || err == EALREADY ? -EAGAIN : -err;
    }
    }
    if (r < 0)
        return errno == EWOULDBLOCK ? -EAGAIN : errno == EINTR ? -EAGAIN : -errno;
    if (op->kind == K_WRITE_ALL) {
        op->done += (size_t)r;
        return op->done < op->len ? -EAGAIN : (ssize_t)op->len;
    }
    return r;
}
/* }===== */

static void finish(struct op *op, ssize_t r, bool unregister)
{
    if (unregister)
        ac__cancel_unregister(op->token, &op->reg);
    if (returns_int(op->kind))
        op->result.i = (int)r;
    else
        op->result.ss = r;
    ac__task_complete_queued(&op->hdr);
    atomic_fetch_sub(&pending, 1);
}

static void on_cancel(ac__cancel_reg *reg)
{
    struct op *op = (struct op *)((char *)reg - offsetof(struct op, reg));
    struct fdstate *s = fdstate(op->fd);
    int side = write_side(op->kind);
    bool mine = false;
    ac__lock(&s->lock);
    if (op->state == ARMED) {
        s->op[side] = NULL;
        op->state = RUNNING;
        mine = true;
    } else {
        op->cancelled = true;
    }
    ac__unlock(&s->lock);
    if (mine)
        finish(op, -ECANCELED, false);  /* reg already unlinked */
}

/* Takes fd's armed ops out of s and drops what was known of it; the
 * caller completes the ops taken (with -EBADF), after unlocking.  Under
 * s->lock.  The epoll registration is left to the caller: epoll drops it
 * when the file is closed, and a DEL by number cannot reach the file of a
 * number that was closed or reused (it looks up the file the number names
 * now); only ac_io_forget, whose descriptor stays open, removes it. */
static void forget_locked(struct fdstate *s, struct op *taken[2])
{
    for (int side = 0; side < 2; side++) {
        taken[side] = s->op[side];
        s->op[side] = NULL;
        if (taken[side])
            taken[side]->state = RUNNING;
    }
    s->registered = false;
    atomic_store_explicit(&s->checked, false, memory_order_relaxed);
    atomic_store_explicit(&s->drained, false, memory_order_relaxed);
    atomic_store_explicit(&s->no_shortcut, false, memory_order_relaxed);
    atomic_store_explicit(&s->stream, -1, memory_order_relaxed);
}

static void finish_taken(struct op *taken[2], struct op *except)
{
    for (int side = 0; side < 2; side++)
        if (taken[side] && taken[side] != except)
            finish(taken[side], -EBADF, true);
}

/* Records the file now behind fd (from st) and makes it non-blocking.
 * Under s->lock. */
static int adopt_locked(int fd, struct fdstate *s, const struct stat *st)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || (!(fl & O_NONBLOCK) && fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0))
        return -errno;
    s->sock = S_ISSOCK(st->st_mode);
    atomic_store_explicit(&s->drained, false, memory_order_relaxed);
    atomic_store_explicit(&s->no_shortcut, false, memory_order_relaxed);
    atomic_store_explicit(&s->stream, s->sock ? -1 : 0, memory_order_relaxed);
    s->dev = st->st_dev;
    s->ino = st->st_ino;
    s->ino_known = true;
    atomic_store_explicit(&s->checked, true, memory_order_release);
    return 0;
}

static void report_reuse(int fd, const char *what)
{
    fprintf(stderr, "asyncc: descriptor %d was %s behind the runtime's back "
            "(close it with ac_close(fd), or call ac_io_forget(fd) before "
            "close); its pending operations complete with -EBADF\n", fd, what);
}

/* Checks that fd still names the file the runtime knows (st: fstat now);
 * if not (closed and reused), forgets the old one, completing its ops
 * except `keep` with -EBADF, and adopts the new.  Under s->lock; the ops
 * taken are returned in taken[] for the caller to finish after unlocking. */
static int revalidate_locked(int fd, struct fdstate *s, const struct stat *st,
                             struct op *taken[2])
{
    taken[0] = taken[1] = NULL;
    bool known = atomic_load_explicit(&s->checked, memory_order_relaxed);
    if (known && !s->ino_known) {   /* accepted: the file accept4 made */
        s->dev = st->st_dev;
        s->ino = st->st_ino;
        s->ino_known = true;
        return 0;
    }
    if (known && s->dev == st->st_dev && s->ino == st->st_ino)
        return 0;
    if (known || s->registered || s->op[0] || s->op[1]) {
        if (ac__debug)
            report_reuse(fd, "closed and reused");
        forget_locked(s, taken);
    }
    return adopt_locked(fd, s, st);
}

/* A socket that ac_accept's accept4 just made (non-blocking): the
 * runtime knows it without asking (no fstat, no fcntl; its dev/ino are
 * recorded by the first check that needs them).  Whatever was known of
 * the number belonged to a file closed behind the runtime's back: its
 * ops complete with -EBADF.  Whether it is a TCP stream (read_drained) is
 * the listener's answer, asked once per listener. */
static void adopt_accepted(int listener, int fd)
{
    struct fdstate *s = fdstate(fd), *l = fdstate(listener);
    if (!s || !l)
        return;
    int8_t stream = atomic_load_explicit(&l->stream, memory_order_relaxed);
    if (stream < 0) {
        stream = tcp_stream(listener);
        atomic_store_explicit(&l->stream, stream, memory_order_relaxed);
    }
    struct op *taken[2] = {NULL, NULL};
    ac__lock(&s->lock);
    if (atomic_load_explicit(&s->checked, memory_order_relaxed) ||
        s->registered || s->op[0] || s->op[1]) {
        if (ac__debug && (s->registered || s->op[0] || s->op[1]))
            report_reuse(fd, "closed and reused");
        forget_locked(s, taken);
    }
    s->sock = true;
    s->ino_known = false;
    atomic_store_explicit(&s->stream, stream, memory_order_relaxed);
    atomic_store_explicit(&s->checked, true, memory_order_release);
    ac__unlock(&s->lock);
    finish_taken(taken, NULL);
}

/* What every descriptor is registered for, by ensure_registered and by
 * the sweep's re-arming alike (the sweep's used to leave EPOLLPRI out:
 * urgent data then went unreported, and a read after it skipped its
 * first attempt until the next sweep's edge). */
#define WATCHED (EPOLLIN | EPOLLPRI | EPOLLOUT | EPOLLRDHUP | EPOLLET)

/* Registers fd once (edge-triggered, both directions).  Whether the
 * registration is still that of the file behind fd (after a close()
 * behind the runtime's back, the number may name a new file that epoll
 * has never seen, and waiting for it would hang) is not asked here, on
 * every wait (an fstat per request of a keep-alive connection), but by
 * the sweep of the ops that keep waiting (sweep_armed).  Under s->lock. */
static int ensure_registered(int fd, struct fdstate *s)
{
    if (s->registered)
        return 0;
    struct epoll_event ev = {.events = WATCHED, .data.fd = fd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0 && errno != EEXIST)
        return -errno;
    s->registered = true;
    return 0;
}

/* Arms op (NEW or RUNNING) after its syscall said EAGAIN (or was skipped:
 * read_drained), having read `seq` before.  Returns true if armed (or
 * completed because cancelled); false if an event came meanwhile, or the
 * skipped syscall's file cannot be watched: try the syscall. */
static bool arm(struct op *op, struct fdstate *s, uint32_t seq, bool *busy)
{
    int side = write_side(op->kind);
    ssize_t fail = 0;
    ac__lock(&s->lock);
    if (op->cancelled || atomic_load(&closing))
        fail = -ECANCELED;
    else if (s->op[side] && s->op[side] != op)
        fail = -EBUSY;
    else if ((fail = ensure_registered(op->fd, s)) == 0 &&
             atomic_load_explicit(&s->seq[side], memory_order_relaxed) != seq) {
        ac__unlock(&s->lock);
        return false;
    } else if (fail == -EPERM && !op->tried) {
        /* A file epoll cannot watch (a regular file: always ready) behind
         * a number whose read took the shortcut: the number was closed and
         * reused behind the runtime's back.  Try the syscall instead. */
        atomic_store_explicit(&s->drained, false, memory_order_relaxed);
        ac__unlock(&s->lock);
        return false;
    }
    if (!fail) {
        s->op[side] = op;
        op->state = ARMED;
        op->verified = false;
    }
    ac__unlock(&s->lock);
    if (fail) {
        *busy = fail == -EBUSY && op->state == NEW;
        finish(op, fail, true);
    }
    return true;
}

/* A read that skips its first attempt (nginx's trick with EPOLLRDHUP): a
 * read of a stream socket that returned fewer bytes than asked for left
 * its receive queue empty, and anything that arrives later (data, the
 * peer's FIN, an error) makes epoll report an edge, which bumps seq[0].
 * So while seq[0] is still what it was before that read, and no hang-up
 * was reported, the next read would say EAGAIN: it can arm at once with
 * that seq, one system call saved per request of a keep-alive
 * connection.  An edge that epoll holds but the poller has not handled
 * yet is no loss: the armed op is tried when it is handled, as after any
 * EAGAIN.  On an fd not yet registered, registering it reports what is
 * already there.  Only TCP (IPv4 or IPv6 stream) sockets: a datagram or a
 * record may be short with more queued behind it, and a Unix stream
 * socket does not merge data from writers with different credentials or
 * passed descriptors into one read; asked once per descriptor, the first
 * time it would matter.  A read that peeks, or takes the urgent byte or
 * the error queue, drains nothing; TCP also stops a read short at the
 * urgent mark with more queued behind it, so once epoll reported urgent
 * data (EPOLLPRI) the descriptor never takes the shortcut. */
static bool reads_drain(int kind, int flags)
{
    return kind == K_READ ||
           (kind == K_RECV && !(flags & (MSG_PEEK | MSG_OOB | MSG_ERRQUEUE)));
}

static void note_read(struct fdstate *s, const struct op *op, uint32_t seq,
                      ssize_t r)
{
    if (!reads_drain(op->kind, op->flags) || !s->sock)
        return;
    bool short_ = r > 0 && (size_t)r < op->len;
    if (short_)
        atomic_store_explicit(&s->drained_seq, seq, memory_order_relaxed);
    atomic_store_explicit(&s->drained, short_, memory_order_relaxed);
}

static bool read_drained(int fd, struct fdstate *s, uint32_t seq)
{
    if (!atomic_load_explicit(&s->drained, memory_order_relaxed) ||
        atomic_load_explicit(&s->drained_seq, memory_order_relaxed) != seq ||
        atomic_load_explicit(&s->no_shortcut, memory_order_relaxed))
        return false;
    int8_t st = atomic_load_explicit(&s->stream, memory_order_relaxed);
    if (st < 0) {
        st = tcp_stream(fd);
        atomic_store_explicit(&s->stream, st, memory_order_relaxed);
    }
    return st;
}

/* Runs op until it completes or is armed.  Caller owns op (NEW/RUNNING). */
static void drive(struct op *op, struct fdstate *s)
{
    int side = write_side(op->kind);
    for (;;) {
        uint32_t seq = atomic_load_explicit(&s->seq[side], memory_order_acquire);
        ssize_t r = attempt(op);
        note_read(s, op, seq, r);
        if (r != -EAGAIN) {
            finish(op, r, true);
            return;
        }
        bool busy = false;
        if (arm(op, s, seq, &busy))
            return;
    }
}

/* An op's resume function names it as an op (ac__io_describe); an op is
 * never scheduled: its event runs it in the poll step (on_event). */
static void op_resume(ac_task *t)
{
    ac__panic("I/O op %p scheduled: it has no code to run", (void *)t);
}

/* Before an operation on fd: the first time (or after a reset), makes fd
 * non-blocking, so that the first attempt cannot block a worker.  Under
 * ASYNCC_DEBUG, every time: a descriptor closed (and maybe reused) behind
 * the runtime's back is reported.  A descriptor that is closed now gives
 * -EBADF and releases what the runtime held for it. */
static int check_fd(int fd, struct fdstate *s)
{
    if (atomic_load_explicit(&s->checked, memory_order_acquire) && !ac__debug)
        return 0;
    struct stat st;
    struct op *taken[2] = {NULL, NULL};
    int err = 0;
    ac__lock(&s->lock);
    if (fstat(fd, &st) < 0) {
        err = -errno;
        if (atomic_load_explicit(&s->checked, memory_order_relaxed) ||
            s->op[0] || s->op[1]) {
            if (ac__debug)
                report_reuse(fd, "closed");
            forget_locked(s, taken);
        }
    } else {
        err = revalidate_locked(fd, s, &st, taken);
    }
    ac__unlock(&s->lock);
    finish_taken(taken, NULL);
    return err;
}

/* An operation of this kind completed at once with r, an error too: it
 * spends a unit of the cooperative budget (internal.h); NULL and *now = r,
 * or a held task when that was the last unit. */
static ac_task *at_once(int kind, ssize_t r, ssize_t *now)
{
    if (__builtin_expect(ac__coop_spend(), 0)) {
        int i = (int)r;
        return returns_int(kind) ? ac__coop_held(&i, sizeof i)
                                 : ac__coop_held(&r, sizeof r);
    }
    *now = r;
    return NULL;
}

/* The common path of every operation: try once on this thread, else make
 * an op and hand it to the poller. */
static ac_task *start(int kind, int fd, void *buf, size_t len, int flags,
                      ac_cancel *c, ssize_t *now)
{
    if (ac_cancel_requested(c))
        return at_once(kind, -ECANCELED, now);
    struct fdstate *s = fdstate(fd);
    int err = s ? check_fd(fd, s) : -EBADF;
    if (err)
        return at_once(kind, err, now);
    struct op tmp = {.fd = fd, .kind = (uint8_t)kind, .flags = flags,
                     .buf = buf, .len = len, .sock = s->sock};
    int side = write_side(kind);
    uint32_t seq = atomic_load_explicit(&s->seq[side], memory_order_acquire);
    ssize_t r;
    if (kind == K_CONNECT ||
        (len > 0 && reads_drain(kind, flags) && read_drained(fd, s, seq))) {
        r = -EAGAIN;
    } else {
        r = attempt(&tmp);
        note_read(s, &tmp, seq, r);
    }
    if (r != -EAGAIN) {
        if (r == -EBADF)
            forget(fd, false);     /* closed: a reuse starts afresh */
        return at_once(kind, r, now);
    }
    ac__pool_autostart();
    struct op *op = ac__mem_alloc(sizeof *op);
    *op = tmp;
    op->hdr.resume = op_resume;
    atomic_init(&op->hdr.waiter, AC__WAITER_NONE);
    op->state = NEW;
    op->token = c;
    if (ac__cancel_register(c, &op->reg, on_cancel, kind_name[kind]) < 0) {
        ac__mem_free(op);
        return at_once(kind, -ECANCELED, now);
    }
    atomic_fetch_add(&pending, 1);
    bool busy = false;
    if (!arm(op, s, seq, &busy))
        drive(op, s);
    if (busy) {     /* a synchronous failure: no task for the caller */
        ac__task_free(&op->hdr);
        return at_once(kind, -EBUSY, now);
    }
    return &op->hdr;
}

ac_future_ssize_t ac_read(int fd, void *buf, size_t len, ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_READ, fd, buf, len, 0, c, &now);
    return (ac_future_ssize_t){t, t ? 0 : now};
}

ac_future_ssize_t ac_write(int fd, const void *buf, size_t len, ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_WRITE, fd, (void *)buf, len, 0, c, &now);
    return (ac_future_ssize_t){t, t ? 0 : now};
}

ac_future_ssize_t ac_write_all(int fd, const void *buf, size_t len,
                               ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_WRITE_ALL, fd, (void *)buf, len, 0, c, &now);
    return (ac_future_ssize_t){t, t ? 0 : now};
}

ac_future_ssize_t ac_recv(int fd, void *buf, size_t len, int flags,
                          ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_RECV, fd, buf, len, flags, c, &now);
    return (ac_future_ssize_t){t, t ? 0 : now};
}

ac_future_ssize_t ac_send(int fd, const void *buf, size_t len, int flags,
                          ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_SEND, fd, (void *)buf, len, flags, c, &now);
    return (ac_future_ssize_t){t, t ? 0 : now};
}

ac_future_int ac_accept(int fd, ac_cancel *c)
{
    ssize_t now;
    ac_task *t = start(K_ACCEPT, fd, NULL, 0, 0, c, &now);
    return (ac_future_int){t, t ? 0 : (int)now};
}

ac_future_int ac_connect(int fd, const struct sockaddr *addr,
                         unsigned addrlen, ac_cancel *c)
{
    if (ac_cancel_requested(c))
        return ac__coop_now_int(-ECANCELED);
    if (connect(fd, addr, addrlen) == 0)
        return ac__coop_now_int(0);
    if (errno != EINPROGRESS)
        return ac__coop_now_int(-errno);
    ssize_t now;
    ac_task *t = start(K_CONNECT, fd, NULL, 0, 0, c, &now);
    return (ac_future_int){t, t ? 0 : (int)now};
}

int ac_set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return -errno;
    return 0;
}

/* unregister: remove fd from the epoll set, for a descriptor that stays
 * open.  Not before a close: closing removes the file from the set (nginx
 * saves the call the same way), unless the file stays open elsewhere (a
 * dup, a child process), whose events may then still name fd: they make
 * the operations of fd's next file try their system call again, which is
 * all an event ever does. */
static void forget(int fd, bool unregister)
{
    struct fdstate *s = fdstate(fd);
    if (!s)
        return;
    struct op *taken[2];
    ac__lock(&s->lock);
    if (unregister && s->registered && epfd >= 0)
        epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
    forget_locked(s, taken);
    ac__unlock(&s->lock);
    finish_taken(taken, NULL);
}

void ac_io_forget(int fd)
{
    forget(fd, true);
}

int ac_close(int fd)
{
    forget(fd, false);
    return close(fd) < 0 ? -errno : 0;
}

/* {===== the poll step ===== */
static void on_event(int fd, uint32_t ev)
{
    struct fdstate *s = fdstate(fd);
    struct op *taken[2] = {NULL, NULL};
    bool rd = ev & (EPOLLIN | EPOLLPRI | EPOLLRDHUP | EPOLLERR | EPOLLHUP);
    bool wr = ev & (EPOLLOUT | EPOLLERR | EPOLLHUP);
    ac__lock(&s->lock);
    if (ev & (EPOLLPRI | EPOLLRDHUP | EPOLLERR | EPOLLHUP))  /* before seq: read_drained */
        atomic_store_explicit(&s->no_shortcut, true, memory_order_relaxed);
    for (int side = 0; side < 2; side++) {
        if (!(side ? wr : rd))
            continue;
        atomic_fetch_add_explicit(&s->seq[side], 1, memory_order_release);
        if ((taken[side] = s->op[side])) {
            s->op[side] = NULL;
            taken[side]->state = RUNNING;
        }
    }
    ac__unlock(&s->lock);
    for (int side = 0; side < 2; side++)
        if (taken[side])
            drive(taken[side], s);
}

/* The sweep: once a SWEEP_MS while ops wait, the poller asks epoll
 * whether the file behind each waiting op's descriptor is still the one
 * registered (EPOLL_CTL_MOD with the same events: epoll knows a
 * registration by file and number, so it says ENOENT for a new file
 * behind the number, EBADF for a closed number; for the same file it only
 * re-arms the edge, which may report an event again: a harmless retry).
 * Closed behind the runtime's back: the ops complete with -EBADF (they
 * would wait forever: epoll forgets a closed file).  Closed and the
 * number reused: the ops that an earlier sweep already saw waiting on the
 * old file complete with -EBADF; the others were armed since, for the new
 * file, which is adopted (fstat, non-blocking) and registered, and they
 * are tried again.  So a misuse is noticed within a SWEEP_MS, at one
 * system call a second per waiting op instead of an fstat per wait. */
enum { SWEEP_MS = 1000 };
static _Atomic uint64_t next_sweep;     /* ms, CLOCK_MONOTONIC */

static void sweep_fd(int fd, struct fdstate *s)
{
    struct op *taken[2] = {NULL, NULL}, *retry[2] = {NULL, NULL};
    int err = -EBADF;
    ac__lock(&s->lock);
    if (!s->op[0] && !s->op[1]) {
        ac__unlock(&s->lock);
        return;
    }
    struct epoll_event ev = {.events = WATCHED, .data.fd = fd};
    struct stat st;
    if (epoll_ctl(epfd, EPOLL_CTL_MOD, fd, &ev) == 0) {
        for (int side = 0; side < 2; side++)
            if (s->op[side])
                s->op[side]->verified = true;
    } else if (errno == EBADF) {
        if (ac__debug)
            report_reuse(fd, "closed");
        forget_locked(s, taken);
    } else if (errno == ENOENT) {
        if (ac__debug)
            report_reuse(fd, "closed and reused");
        forget_locked(s, taken);
        int adopted = fstat(fd, &st) < 0 ? -errno : adopt_locked(fd, s, &st);
        if (adopted)
            err = adopted;  /* no file to try the new ops on: all fail */
        for (int side = 0; side < 2; side++)
            if (!adopted && taken[side] && !taken[side]->verified) {
                retry[side] = taken[side];
                retry[side]->sock = s->sock;
                taken[side] = NULL;
            }
    }
    ac__unlock(&s->lock);
    for (int side = 0; side < 2; side++) {
        if (taken[side])
            finish(taken[side], err, true);
        if (retry[side])
            drive(retry[side], s);
    }
}

static void sweep_armed(void)
{
    for (int i = 0; i < NCHUNKS; i++) {
        struct fdstate *c = atomic_load_explicit(&chunks[i], memory_order_acquire);
        for (int j = 0; c && j < CHUNK; j++)
            sweep_fd(i * CHUNK + j, &c[j]);
    }
}

/* Milliseconds until the sweep is due, at most SWEEP_MS: a poller waits no
 * longer (a flat SWEEP_MS let a wait that began just before the sweep was
 * due put it off by a second, and the first sweep came two seconds after
 * the first wait).  The first call sets the first sweep's time. */
static int until_sweep(void)
{
    uint64_t now = ac__now_ms();
    uint64_t due = atomic_load_explicit(&next_sweep, memory_order_relaxed);
    if (due == 0 && atomic_compare_exchange_strong(&next_sweep, &due, now + SWEEP_MS))
        return SWEEP_MS;
    return due > now + SWEEP_MS ? SWEEP_MS : due > now ? (int)(due - now) : 0;
}

static void maybe_sweep(void)
{
    uint64_t now = ac__now_ms();
    uint64_t due = atomic_load_explicit(&next_sweep, memory_order_relaxed);
    if (now < due || !atomic_compare_exchange_strong(&next_sweep, &due, now + SWEEP_MS))
        return;
    if (due != 0 && atomic_load(&pending) > 0)
        sweep_armed();
}

/* {===== the poll token =====
 * Whoever waits in epoll_wait holds the token, so at most one thread
 * polls at a time: a worker about to park (ac__io_park, the common case:
 * the events' tasks then start on that worker, without a hop through the
 * inject queue), a busy worker at the inject queue's turn (ac__io_poll_now,
 * without waiting), or the I/O thread, which only watches (io_main).
 *   FREE    nobody polls;
 *   HELD    a thread polls without waiting, or is completing what a
 *           poll found (it is awake: a wake-up needs no eventfd);
 *   PARKED  a parked worker waits in epoll_wait: a producer that finds
 *           no worker on the futex writes the eventfd (ac__io_wake_parked).
 * The holder also runs the rest of the poll step (timers, the sweep,
 * signals) before releasing it: one thread at a time does. */
enum { FREE, HELD, PARKED };
static _Atomic int token;
static _Atomic uint64_t polls;      /* epoll_waits returned, for io_main */
static _Atomic uint32_t mon_seq;    /* io_main's futex word */

/* Waits for events: up to timeout_ms (-1 forever), shortened to the next
 * timer and to the sweep's turn. */
static int wait_events(struct epoll_event *evs, int max, int timeout_ms)
{
    int t = ac__timer_timeout();
    if (t >= 0 && (timeout_ms < 0 || t < timeout_ms))
        timeout_ms = t;
    if (timeout_ms != 0) {          /* a busy worker's poll: no clock read */
        int sweep = until_sweep();  /* the sweep's turn comes (an op armed
                                     * later does not wake the poller) */
        if (timeout_ms < 0 || timeout_ms > sweep)
            timeout_ms = sweep;
    }
    int n = epoll_wait(epfd, evs, max, timeout_ms);
    atomic_fetch_add_explicit(&polls, 1, memory_order_relaxed);
    return n;
}

/* Completes what a poll found: ready ops (their awaiters go to this
 * thread's run queue on a worker, else to the inject queue), signals,
 * due timers. */
static void dispatch(const struct epoll_event *evs, int n)
{
    for (int i = 0; i < n; i++) {
        if (evs[i].data.fd == evfd) {
            uint64_t v;
            ssize_t r = read(evfd, &v, sizeof v);
            (void)r;
        } else {
            on_event(evs[i].data.fd, evs[i].events);
        }
    }
    maybe_sweep();
    ac__signal_poll();
    ac__timer_run_expired();
}

static void nudge_monitor(void)
{
    atomic_fetch_add_explicit(&mon_seq, 1, memory_order_release);
    syscall(SYS_futex, &mon_seq, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}

/* Single-threaded mode: the driver is the only poller. */
void ac__io_poll(int timeout_ms)
{
    struct epoll_event evs[64];
    dispatch(evs, wait_events(evs, 64, timeout_ms));
}

bool ac__io_park(bool (*idle)(void), void (*woke)(void))
{
    int expect = FREE;
    if (!atomic_compare_exchange_strong_explicit(&token, &expect, PARKED,
                                                 memory_order_seq_cst,
                                                 memory_order_relaxed))
        return false;
    struct epoll_event evs[64];
    int n = idle() ? wait_events(evs, 64, -1) : 0;
    atomic_store_explicit(&token, HELD, memory_order_seq_cst);
    woke();
    dispatch(evs, n);
    atomic_store_explicit(&token, FREE, memory_order_release);
    return true;
}

bool ac__io_poll_now(void)
{
    int expect = FREE;
    if (atomic_load_explicit(&token, memory_order_relaxed) != FREE ||
        !atomic_compare_exchange_strong_explicit(&token, &expect, HELD,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
        return false;
    struct epoll_event evs[64];
    dispatch(evs, wait_events(evs, 64, 0));
    atomic_store_explicit(&token, FREE, memory_order_release);
    return true;
}

void ac__io_wake_parked(void)
{
    if (atomic_load_explicit(&token, memory_order_seq_cst) == PARKED)
        ac__io_wake();
}

void ac__io_wake(void)
{
    uint64_t one = 1;
    if (evfd >= 0) {
        ssize_t r = write(evfd, &one, sizeof one);
        (void)r;
    }
}

void ac__io_timer_added(void)
{
    ac__io_wake();      /* a parked worker's timeout got shorter */
    if (atomic_load_explicit(&has_thread, memory_order_relaxed))
        nudge_monitor();
}

/* The I/O thread watches; it polls only when nobody else does.  While
 * every worker is parked and one of them polls (PARKED), that one runs
 * timers and I/O, and this thread looks only every MON_IDLE_MS.  Otherwise
 * the workers are busy and poll at the inject queue's turn and whenever
 * they run out of tasks; this thread looks every MON_MS.  It also wakes at
 * the next timer (ac__io_timer_added nudges it when that moves earlier).
 * It polls (without waiting) when a timer is due or when no poll happened
 * since its last look (workers stuck in long plain code: timers still fire
 * on time, and the I/O of ac_wait callers on other threads completes
 * within MON_MS, or MON_IDLE_MS right after an idle spell).  After such a
 * poll, if a worker sleeps on the futex, one is woken to become the
 * parked poller. */
enum { MON_MS = 10, MON_IDLE_MS = 100 };

static void *io_main(void *arg)
{
    (void)arg;
    pthread_setname_np(pthread_self(), "asyncc-io");
    ac__io_block_sigpipe();
    bool missed = false;    /* a timer was due and another held the token */
    while (!atomic_load_explicit(&stop, memory_order_acquire)) {
        uint32_t seq = atomic_load_explicit(&mon_seq, memory_order_acquire);
        uint64_t seen = atomic_load_explicit(&polls, memory_order_relaxed);
        bool idle = atomic_load_explicit(&token, memory_order_relaxed) == PARKED &&
                    ac__pool_all_parked();
        int ms = ac__timer_timeout(), cap = idle ? MON_IDLE_MS : MON_MS;
        if (ms < 0 || ms > cap)
            ms = cap;
        if (ms == 0 && missed)
            ms = 1;         /* the holder fires it: do not spin meanwhile */
        if (ms > 0) {
            struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000};
            syscall(SYS_futex, &mon_seq, FUTEX_WAIT_PRIVATE, seq, &ts, NULL, 0);
        }
        if (atomic_load_explicit(&stop, memory_order_acquire))
            break;
        bool due = ac__timer_timeout() == 0;
        missed = false;
        if (atomic_load_explicit(&polls, memory_order_relaxed) != seen && !due)
            continue;               /* others poll: nothing to do */
        if (ac__io_poll_now())
            ac__pool_want_poller();
        else
            missed = due;
    }
    return NULL;
}
/* }===== */

static void create_fds(void)
{
    epfd = epoll_create1(EPOLL_CLOEXEC);
    evfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epfd < 0 || evfd < 0)
        ac__panic("cannot create epoll/eventfd: %s", ac_strerror(-errno));
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = evfd};
    if (epoll_ctl(epfd, EPOLL_CTL_ADD, evfd, &ev) < 0)
        ac__panic("epoll_ctl(eventfd): %s", ac_strerror(-errno));
}

int ac__io_start(bool own_thread)
{
    pthread_once(&once, create_fds);
    atomic_store(&stop, false);
    has_thread = false;
    if (!own_thread)
        return 0;
    int err = pthread_create(&thread, NULL, io_main, NULL);
    if (err)
        return -err;
    has_thread = true;
    return 0;
}

void ac__io_stop(void)
{
    atomic_store(&stop, true);
    if (has_thread) {
        nudge_monitor();
        pthread_join(thread, NULL);
        has_thread = false;
    }
}

void ac__io_close(bool on)
{
    atomic_store(&closing, on);
    for (int i = 0; on && i < NCHUNKS; i++) {
        struct fdstate *c = atomic_load_explicit(&chunks[i], memory_order_acquire);
        for (int j = 0; c && j < CHUNK; j++) {
            struct op *taken[2];
            ac__lock(&c[j].lock);
            for (int side = 0; side < 2; side++) {
                if ((taken[side] = c[j].op[side])) {
                    c[j].op[side] = NULL;
                    taken[side]->state = RUNNING;
                }
            }
            ac__unlock(&c[j].lock);
            for (int side = 0; side < 2; side++)
                if (taken[side])
                    finish(taken[side], -ECANCELED, true);
        }
    }
}

long ac__io_pending(void)
{
    return atomic_load(&pending);
}
/* }===== */

bool ac__io_describe(const ac_task *task, char *buf, size_t len)
{
    if (task->resume != op_resume)
        return false;
    const struct op *op = (const struct op *)task;
    snprintf(buf, len, "I/O: %s on fd %d", kind_name[op->kind], op->fd);
    return true;
}
