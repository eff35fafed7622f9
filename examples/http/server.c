/* server.c - a small HTTP/1.1 server in the asyncc dialect, on the epoll
 * runtime: one async function per connection, keep-alive, pipelining,
 * strict request parsing with limits, timeouts, and service at the
 * descriptor limit.
 *
 *   build/asyncc examples/http/server.c -o build/http.gen.c
 *   cc -std=gnu11 -O2 -Iruntime build/http.gen.c build/libasyncc.a \
 *      -lpthread -o build/http-server
 *   build/http-server [-d] [-i MS] [-k MS] [-H MS] [-w MS] [PORT]
 *   curl -i http://127.0.0.1:8080/       (default port 8080, 127.0.0.1)
 *
 * Every request gets "Hello, World!\n" (GET; HEAD gets the headers only;
 * other methods 405).  Malformed requests get 400 and the connection is
 * closed; a request head over MAX_HEAD bytes or MAX_HEADERS fields gets
 * 431, a body over MAX_BODY 413, Transfer-Encoding 501.  Bodies
 * (Content-Length) are read and discarded.  HTTP/1.0 closes after the
 * response unless the client asked for keep-alive; HTTP/1.1 keeps the
 * connection unless it asked to close.  Lines may end in CRLF or a bare
 * LF, and empty lines before a request line are ignored (RFC 9112 2.2).
 *
 * Timeouts (milliseconds; each closes the connection):
 *   -i  idle: a new connection's first request must begin (10000)
 *   -k  keep-alive: the next request on a kept connection must begin (5000)
 *   -H  header: a request head, from its first byte to its end (10000);
 *       answered 408
 *   -w  I/O: each wait for body bytes or for room to send (10000)
 * -d defers accepting a connection until its first bytes arrive
 * (TCP_DEFER_ACCEPT; nginx's `listen ... deferred`): the first read finds
 * the request, so a connection costs no failed read, no epoll
 * registration and no wait in epoll; a silent client reaches the server
 * after 1 to 3 s, and the idle timeout starts then.
 * At the descriptor limit the server still accepts (it keeps a spare
 * descriptor for that) and sheds the connection that has waited longest
 * for a request.  SIGINT/SIGTERM close every connection and exit 0,
 * printing counters on stderr.  examples/http/check.sh exercises each case.
 *
 * Given one CPU (taskset -c N), the server runs the runtime single-
 * threaded, as nginx runs one worker process per CPU: the kernel charges a
 * process of several threads more for every call on a socket (see main).
 * ASYNCC_WORKERS, if set, decides instead.
 */
#define _GNU_SOURCE                 /* accept4, signalfd */
#include <asyncc.h>
#include <arpa/inet.h>
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
    MAX_HEAD = 8192,         /* empty lines + request line + fields, bytes */
    MAX_HEADERS = 64,        /* header fields per request */
    MAX_BODY = 1 << 20,      /* Content-Length we accept (and discard) */
    OUT_SIZE = 4096,         /* answers gathered for one write (pipelining) */
    MAX_ANSWER = 512,        /* room format_response may need */
};

static struct {
    long idle, keep_alive, header, io;      /* ms; see the top comment */
} timeout = {10000, 5000, 10000, 10000};

static const char HELLO[] = "Hello, World!\n";

/* ---- parsing (plain C) ---------------------------------------------- */

struct request {
    bool head;               /* HEAD: no body in the response */
    bool get;                /* GET or HEAD: anything else gets 405 */
    bool keep_alive;
    bool http10;             /* an HTTP/1.0 client must be told keep-alive */
    long content_length;
};

enum { NEED_MORE = 0, BAD = -400, TOO_LARGE = -413, FIELDS_TOO_LARGE = -431,
       NOT_IMPL = -501 };

/* RFC 9110 token characters (methods, header names). */
static bool tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* May c appear in a field line?  Not NUL, DEL or a control other than
 * HTAB (a CR only before the LF, checked by the callers). */
static bool field_char(unsigned char c)
{
    return (c >= ' ' || c == '\t') && c != 0x7f;
}

/* Does the comma-separated list v[0..n) contain `token` (any case)? */
static bool has_token(const char *v, size_t n, const char *token)
{
    size_t tl = strlen(token);
    for (size_t i = 0; i < n;) {
        while (i < n && (v[i] == ' ' || v[i] == '\t' || v[i] == ','))
            i++;
        size_t s = i;
        while (i < n && v[i] != ',')
            i++;
        size_t e = i;
        while (e > s && (v[e - 1] == ' ' || v[e - 1] == '\t'))
            e--;
        if (e - s == tl && strncasecmp(v + s, token, tl) == 0)
            return true;
    }
    return false;
}

/* request-line = method SP request-target SP HTTP-version, in p[0..n):
 * the whole line without its line end if `complete`, else the bytes
 * received so far, which are checked as a prefix (so that garbage is
 * refused at once, not after MAX_HEAD bytes).  0, NEED_MORE or BAD. */
static long request_line(const unsigned char *p, size_t n, bool complete,
                         struct request *rq)
{
    size_t i = 0;
    while (i < n && tchar(p[i]))
        i++;
    size_t mlen = i;
    if (i == n)
        return complete ? BAD : NEED_MORE;
    if (mlen == 0 || p[i++] != ' ')
        return BAD;
    size_t target = i;
    while (i < n && p[i] > ' ' && p[i] < 0x7f)
        i++;
    if (i == n)
        return complete ? BAD : NEED_MORE;
    if (i == target || p[i++] != ' ')
        return BAD;
    size_t k = n - i;                         /* version bytes present */
    if (memcmp(p + i, "HTTP/1.", k < 7 ? k : 7) != 0 ||
        (k >= 8 && (p[i + 7] < '0' || p[i + 7] > '9')) ||
        (k > 8 && (complete || k > 9 || p[i + 8] != '\r')))
        return BAD;
    if (!complete)
        return NEED_MORE;
    if (k != 8)
        return BAD;
    bool http11 = p[i + 7] != '0';        /* 1.2 and up as 1.1: RFC 9112 2.3 */
    *rq = (struct request){
        .get = (mlen == 3 && !memcmp(p, "GET", 3)) || (mlen == 4 && !memcmp(p, "HEAD", 4)),
        .head = mlen == 4 && !memcmp(p, "HEAD", 4),
        .keep_alive = http11,
        .http10 = !http11,
    };
    return 0;
}

/* Content-Length = 1*DIGIT, leading zeros allowed: the value, BAD or
 * TOO_LARGE. */
static long content_length(const char *v, size_t n)
{
    if (n == 0)
        return BAD;
    long len = 0;
    size_t digits = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return BAD;
        if (digits || v[i] != '0')
            digits++;
        if (digits > 9)
            len = MAX_BODY + 1L;              /* keep checking the digits */
        else
            len = len * 10 + (v[i] - '0');
    }
    return len > MAX_BODY ? TOO_LARGE : len;
}

/* One header field line p[0..n) (no line end) into rq.  0 or an error. */
static long header_field(const char *p, size_t n, struct request *rq,
                         bool *seen_length, bool *has_host)
{
    size_t i = 0;
    while (i < n && tchar(p[i]))
        i++;
    size_t nlen = i;
    if (nlen == 0 || i == n || p[i++] != ':')
        return BAD;                           /* also obsolete folding */
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    const char *v = p + i;
    size_t vlen = n - i;
    while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
        vlen--;
    for (size_t q = 0; q < vlen; q++)
        if (!field_char(v[q]))
            return BAD;                       /* control characters, CR */
    if (nlen == 14 && !strncasecmp(p, "content-length", 14)) {
        long len = content_length(v, vlen);
        if (len < 0)
            return len;
        if (*seen_length && len != rq->content_length)
            return BAD;                       /* conflicting lengths */
        *seen_length = true;
        rq->content_length = len;
    } else if (nlen == 17 && !strncasecmp(p, "transfer-encoding", 17)) {
        return NOT_IMPL;                      /* no chunked bodies here */
    } else if (nlen == 10 && !strncasecmp(p, "connection", 10)) {
        if (has_token(v, vlen, "close"))
            rq->keep_alive = false;
        else if (has_token(v, vlen, "keep-alive"))
            rq->keep_alive = true;
    } else if (nlen == 4 && !strncasecmp(p, "host", 4)) {
        if (*has_host)
            return BAD;
        *has_host = true;
    }
    return 0;
}

/* Length of the line starting at buf[i] without its LF and an optional
 * CR before it; the caller knows an LF follows. */
static size_t line_len(const char *buf, size_t i, size_t lf)
{
    return lf > i && buf[lf - 1] == '\r' ? lf - 1 - i : lf - i;
}

/* Parses the request head at the start of buf[0..len), of which the first
 * `seen` bytes were parsed before without finding its end (so a client
 * sending a byte at a time costs linear, not quadratic, work).  Returns the
 * head's length (empty lines before it and the blank line after it
 * included) when complete, NEED_MORE if it is incomplete, or BAD /
 * TOO_LARGE / FIELDS_TOO_LARGE / NOT_IMPL. */
static long parse_request(const char *buf, size_t len, size_t seen,
                          struct request *rq)
{
    size_t s = 0;                             /* skip empty lines: 2.2 */
    while (s < len && (buf[s] == '\n' || (buf[s] == '\r' && s + 1 < len && buf[s + 1] == '\n')))
        s += buf[s] == '\n' ? 1 : 2;
    if (s + 1 == len && buf[s] == '\r')
        return NEED_MORE;                     /* CR, LF not yet received */
    const char *rl_end = memchr(buf + s, '\n', len - s);
    if (!rl_end) {
        long r = request_line((const unsigned char *)buf + s, len - s, false, rq);
        return r == NEED_MORE && len >= MAX_HEAD ? FIELDS_TOO_LARGE : r;
    }
    /* The head ends at an empty line: LF LF or LF CR LF. */
    size_t from = seen > s + 2 ? seen - 2 : s, end = 0;
    for (const char *lf; from < len && (lf = memchr(buf + from, '\n', len - from));
         from = lf - buf + 1) {
        size_t i = lf - buf + 1;
        if (i < len && buf[i] == '\n')
            end = i + 1;
        else if (i + 1 < len && buf[i] == '\r' && buf[i + 1] == '\n')
            end = i + 2;
        if (end)
            break;
    }
    size_t lf = rl_end - buf;
    long r = 0;
    if (end || seen <= lf)                    /* complete, or its LF is new */
        r = request_line((const unsigned char *)buf + s, line_len(buf, s, lf), true, rq);
    if (r < 0 || !end) {                      /* check only the new bytes */
        for (size_t i = seen > s ? seen : s; r == 0 && i < len; i++)
            if (!field_char(buf[i]) && buf[i] != '\r' && buf[i] != '\n')
                r = BAD;
        return r < 0 ? r : len >= MAX_HEAD ? FIELDS_TOO_LARGE : NEED_MORE;
    }
    bool seen_length = false, has_host = false;
    int fields = 0;
    for (size_t i = lf + 1;; i = lf + 1) {
        lf = (const char *)memchr(buf + i, '\n', end - i) - buf;
        size_t n = line_len(buf, i, lf);
        if (n == 0)
            break;                            /* the blank line: at `end` */
        if (++fields > MAX_HEADERS)
            return FIELDS_TOO_LARGE;
        if ((r = header_field(buf + i, n, rq, &seen_length, &has_host)) < 0)
            return r;
    }
    if (!rq->http10 && !has_host)
        return BAD;                           /* RFC 9112 3.2 */
    return (long)end;
}

/* The Date header's value, formatted at most once a second per thread. */
static const char *http_date(void)
{
    static _Thread_local time_t last;
    static _Thread_local char text[40];
    time_t now = time(NULL);
    if (now != last) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        last = now;
    }
    return text;
}

/* Appends the n bytes at s to the answer being built at `at`; returns
 * the end.  format_response's caller leaves it MAX_ANSWER bytes. */
static char *append(char *at, const char *s, size_t n)
{
    memcpy(at, s, n);
    return at + n;
}
#define APPEND_LITERAL(at, lit) append(at, lit, sizeof lit - 1)

/* Formats a complete response into out, of `size` bytes (its callers
 * leave at least MAX_ANSWER, more than the longest answer); returns its
 * length.  `conn` is the Connection header to send, or NULL for none.
 * Built piece by piece rather than with snprintf, whose format parsing was
 * 3% of a keep-alive request's CPU. */
static int format_response(char *out, size_t size, int status, const char *conn,
                           bool with_body)
{
    assert(size >= MAX_ANSWER);
    const char *reason = status == 200 ? "OK" : status == 400 ? "Bad Request"
                       : status == 405 ? "Method Not Allowed"
                       : status == 408 ? "Request Timeout"
                       : status == 413 ? "Content Too Large"
                       : status == 431 ? "Request Header Fields Too Large"
                       : "Not Implemented";
    const char *body = status == 200 ? HELLO : reason;
    size_t blen = strlen(body);
    char digits[3] = {(char)('0' + status / 100), (char)('0' + status / 10 % 10),
                      (char)('0' + status % 10)};
    char length[8];
    int llen = 0;
    for (size_t v = blen; llen == 0 || v > 0; v /= 10)
        length[llen++] = (char)('0' + v % 10);
    char *at = APPEND_LITERAL(out, "HTTP/1.1 ");
    at = append(at, digits, sizeof digits);
    at = append(at, " ", 1);
    at = append(at, reason, strlen(reason));
    at = APPEND_LITERAL(at, "\r\nDate: ");
    const char *date = http_date();
    at = append(at, date, strlen(date));
    at = APPEND_LITERAL(at, "\r\nContent-Type: text/plain\r\nContent-Length: ");
    while (llen > 0)
        *at++ = length[--llen];
    at = APPEND_LITERAL(at, "\r\n");
    if (status == 405)
        at = APPEND_LITERAL(at, "Allow: GET, HEAD\r\n");
    if (conn) {
        at = APPEND_LITERAL(at, "Connection: ");
        at = append(at, conn, strlen(conn));
        at = APPEND_LITERAL(at, "\r\n");
    }
    at = APPEND_LITERAL(at, "\r\n");
    if (with_body)
        at = append(at, body, blen);
    return (int)(at - out);
}

/* ---- connections, deadlines and shedding (plain C) ------------------ */

/* Per-connection state, on the heap: the coroutine frame then holds only
 * a pointer and a few scalars (a suspended connection costs its frame plus
 * this), and asyncc need not pin the frame for the addresses handed to
 * ac_read/ac_write_all.  `in` holds received bytes not yet handled:
 * requests may arrive split across reads, or several in one read
 * (pipelining).  `out` gathers the answers to pipelined requests that are
 * already complete in `in`, so that they leave in one write.
 *
 * Every operation of the connection is given its token `cancel`.  The
 * connection's own task sets `deadline` before each wait; the sweeper task
 * triggers the token once the deadline has passed, so the pending
 * operation completes with -ECANCELED and the connection closes.  A token
 * is never reset: a timeout or a shed ends the connection.  `waiting` is
 * the time since which the connection waits for a request (0 while it
 * handles one): the acceptor sheds the smallest at the descriptor limit. */
struct conn {
    /* What every request reads and writes besides its bytes, in the
     * first cache line (conn_new aligns it): with 1,000 connections each
     * request finds its connection cold, and a line is a cache miss. */
    _Alignas(64) ac_cancel *cancel;
    _Atomic long deadline;            /* ms (now_ms); 0: none */
    _Atomic long waiting;             /* ms; 0: busy */
    int fd;
    size_t have;
    size_t out_len;                   /* answers in `out` not yet written */
    struct request rq;
    struct conn *prev, *next;         /* in `conns`, under conns.lock */
    char in[MAX_HEAD];
    char out[OUT_SIZE];
};
_Static_assert(offsetof(struct conn, prev) <= 64, "a request's fields in one line");

static struct {
    pthread_mutex_t lock;
    struct conn *head;
    long count;
} conns = {PTHREAD_MUTEX_INITIALIZER, NULL, 0};

static struct {
    _Atomic long accepted, requests, timeouts, shed, spare_used;
} stats;

/* Milliseconds on a coarse monotonic clock (a few ms of resolution is
 * plenty for timeouts of seconds; reading it costs no system call). */
static long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return ts.tv_sec * 1000L + ts.tv_nsec / 1000000 + 1;   /* never 0 */
}

static struct conn *conn_new(int fd)
{
    struct conn *c = aligned_alloc(_Alignof(struct conn), sizeof *c);
    if (!c || !(c->cancel = ac_cancel_new())) {
        free(c);
        return NULL;
    }
    c->fd = fd;
    c->have = 0;
    c->out_len = 0;
    atomic_init(&c->deadline, 0);
    atomic_init(&c->waiting, 0);
    pthread_mutex_lock(&conns.lock);
    c->prev = NULL;
    c->next = conns.head;
    if (conns.head)
        conns.head->prev = c;
    conns.head = c;
    conns.count++;
    pthread_mutex_unlock(&conns.lock);
    return c;
}

/* Unlinks c (after which no other thread can reach it), closes its
 * descriptor and frees it.  No operation of c may be pending. */
static void conn_free(struct conn *c)
{
    pthread_mutex_lock(&conns.lock);
    if (c->prev)
        c->prev->next = c->next;
    else
        conns.head = c->next;
    if (c->next)
        c->next->prev = c->prev;
    conns.count--;
    pthread_mutex_unlock(&conns.lock);
    ac_close(c->fd);
    ac_cancel_free(c->cancel);
    free(c);
}

/* The connection's next wait ends by now + ms; `waiting` as for struct conn. */
static void conn_wait(struct conn *c, long ms, long waiting)
{
    atomic_store_explicit(&c->deadline, now_ms() + ms, memory_order_relaxed);
    atomic_store_explicit(&c->waiting, waiting, memory_order_relaxed);
}

/* Cancels every connection whose deadline has passed (or every one, if
 * `all`).  A token's trigger only schedules the tasks whose operations it
 * cancels, so holding the lock here cannot deadlock with conn_free. */
static void conns_expire(bool all)
{
    long now = now_ms();
    pthread_mutex_lock(&conns.lock);
    for (struct conn *c = conns.head; c; c = c->next) {
        long d = atomic_load_explicit(&c->deadline, memory_order_relaxed);
        if ((all || (d && d <= now)) && !ac_cancel_requested(c->cancel)) {
            if (!all)
                atomic_fetch_add(&stats.timeouts, 1);
            ac_cancel_trigger(c->cancel);
        }
    }
    pthread_mutex_unlock(&conns.lock);
}

/* Makes sure a connection is on its way out, so that a descriptor will
 * be free soon: true if one already is (cancelled, not yet freed: at most
 * one shed at a time) or if the one that has waited longest for a request
 * was cancelled now; false if every connection is busy. */
static bool conns_shed_oldest(void)
{
    pthread_mutex_lock(&conns.lock);
    struct conn *oldest = NULL;
    long best = 0;
    bool closing = false;
    for (struct conn *c = conns.head; c && !closing; c = c->next) {
        long w = atomic_load_explicit(&c->waiting, memory_order_relaxed);
        closing = ac_cancel_requested(c->cancel);
        if (w && (!oldest || w < best))
            oldest = c, best = w;
    }
    if (closing)
        oldest = NULL;
    else if (oldest) {
        atomic_fetch_add(&stats.shed, 1);
        ac_cancel_trigger(oldest->cancel);
    }
    pthread_mutex_unlock(&conns.lock);
    return closing || oldest != NULL;
}

static long conns_count(void)
{
    pthread_mutex_lock(&conns.lock);
    long n = conns.count;
    pthread_mutex_unlock(&conns.lock);
    return n;
}

/* Before closing, sends FIN and discards what the client has
 * already sent: closing a socket with unread data sends a reset, which can
 * destroy the response before the client reads it.  After an error, always
 * (a body may follow); after a request that asked to close, only if bytes
 * beyond it were received (as nginx does: two system calls saved per
 * connection; a client that pipelines past its own close request may lose
 * the answer to a reset). */
static void drain(int fd, char *scratch, size_t size)
{
    shutdown(fd, SHUT_WR);
    while (recv(fd, scratch, size, MSG_DONTWAIT) > 0)
        ;
}

/* true if `in` holds a whole request head (or one that is already bad):
 * its answer can wait for the next one's, without a read. */
static bool request_buffered(struct conn *c)
{
    struct request rq;
    return c->have > 0 && parse_request(c->in, c->have, 0, &rq) != NEED_MORE;
}

/* ---- the connection (async) ----------------------------------------- */

/* Reads and parses one request head into c->rq: its length, or a negative
 * status to answer (then close), or 0 to close without an answer (the
 * peer closed, an error, a timeout of an idle connection, a shed). */
static async long read_head(struct conn *c, bool first) {
    size_t seen = 0;
    long head;
    c->rq = (struct request){0};            /* not the last request's method */
    if (c->have == 0)
        conn_wait(c, first ? timeout.idle : timeout.keep_alive, now_ms());
    else                                    /* pipelined bytes: a request began */
        conn_wait(c, timeout.header, now_ms());
    while ((head = parse_request(c->in, c->have, seen, &c->rq)) == NEED_MORE) {
        ssize_t n = await ac_read(c->fd, c->in + c->have, sizeof c->in - c->have, c->cancel);
        if (n <= 0)
            return n == -ECANCELED && c->have > 0 &&
                   atomic_load(&c->deadline) <= now_ms() ? -408 : 0;
        if (c->have == 0)                   /* the request's first bytes */
            atomic_store(&c->deadline, now_ms() + timeout.header);
        seen = c->have;
        c->have += n;
    }
    atomic_store(&c->waiting, 0);
    return head;
}

/* Serves one connection until the peer closes it, an error, a timeout, or
 * a request that ends it. */
static async void serve(struct conn *c) {
    int fd = c->fd;
    bool nodelay = false;
    for (bool first = true, open = true; open; first = false) {
        long head = await read_head(c, first);
        if (head == 0)
            break;
        if (head < 0) {                       /* reply with the error, close */
            size_t len = c->out_len + format_response(c->out + c->out_len,
                                                      sizeof c->out - c->out_len,
                                                      (int)-head, "close", !c->rq.head);
            if (head == -408)                 /* the token is spent: no await */
                send(fd, c->out, len, MSG_DONTWAIT | MSG_NOSIGNAL);
            else {
                conn_wait(c, timeout.io, 0);
                if (await ac_write_all(fd, c->out, len, c->cancel) != (ssize_t)len)
                    break;
            }
            drain(fd, c->in, sizeof c->in);
            break;
        }
        /* Discard the body: what is buffered, then what is still to come. */
        size_t used = (size_t)head;
        long body = c->rq.content_length;
        long buffered = (long)(c->have - used) < body ? (long)(c->have - used) : body;
        used += buffered;
        body -= buffered;
        memmove(c->in, c->in + used, c->have - used);
        c->have -= used;
        while (body > 0) {
            size_t want = body < (long)sizeof c->in ? (size_t)body : sizeof c->in;
            conn_wait(c, timeout.io, 0);
            if (c->out_len > 0) {             /* answers first, then wait */
                if (await ac_write_all(fd, c->out, c->out_len, c->cancel) < 0)
                    goto close;
                c->out_len = 0;
            }
            ssize_t n = await ac_read(fd, c->in, want, c->cancel);
            if (n <= 0)
                goto close;
            body -= n;
        }
        atomic_fetch_add_explicit(&stats.requests, 1, memory_order_relaxed);
        open = c->rq.keep_alive;
        int status = c->rq.get ? 200 : 405;
        const char *conn = !open ? "close" : c->rq.http10 ? "keep-alive" : NULL;
        c->out_len += format_response(c->out + c->out_len, sizeof c->out - c->out_len,
                                      status, conn, !c->rq.head);
        if (open && sizeof c->out - c->out_len >= MAX_ANSWER && request_buffered(c))
            continue;                       /* pipelined: one write for both */
        /* A kept connection sends each answer at once (TCP_NODELAY, set
         * when it is first kept, as nginx does); the answer that closes a
         * connection has nothing behind it for Nagle to hold it for. */
        if (open && !nodelay) {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            nodelay = true;
        }
        conn_wait(c, timeout.io, 0);
        ssize_t w = await ac_write_all(fd, c->out, c->out_len, c->cancel);
        c->out_len = 0;
        if (w < 0)
            break;
        if (!open && c->have > 0)           /* more was sent: see drain */
            drain(fd, c->in, sizeof c->in);
    }
close:
    conn_free(c);
}

/* Accepts until `stop` is cancelled.  At the descriptor limit it gives up
 * its spare descriptor to take the next client at once and sheds the
 * connection that waited longest for a request, whose descriptor then
 * becomes the spare again; if every connection is busy, the next clients
 * wait in the listen backlog until one ends (the timeouts bound that). */
static async int accept_loop(int lfd, ac_cancel *stop) {
    int spare = open("/dev/null", O_RDONLY | O_CLOEXEC);
    for (;;) {
        if (spare < 0)
            spare = open("/dev/null", O_RDONLY | O_CLOEXEC);
        int fd = await ac_accept(lfd, stop);
        if (fd == -EMFILE || fd == -ENFILE) {
            bool shed = conns_shed_oldest();
            if (spare < 0) {
                await ac_delay(shed ? 1 : 10);   /* wait for a close */
                continue;
            }
            close(spare);
            spare = -1;
            fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
            if (fd < 0)
                continue;
            atomic_fetch_add(&stats.spare_used, 1);
        } else if (fd == -ECONNABORTED || fd == -EINTR) {
            continue;
        } else if (fd < 0) {
            if (spare >= 0)
                close(spare);
            return fd == -ECANCELED ? 0 : fd;
        }
        struct conn *c = conn_new(fd);
        if (!c) {
            close(fd);
            continue;
        }
        atomic_fetch_add_explicit(&stats.accepted, 1, memory_order_relaxed);
        ac_detach(serve(c));                /* runs until its first wait */
    }
}

/* Expires connections every `tick` ms until `stop` is cancelled; 0.
 * (An int task rather than a void one: editors' synchronous view of the
 * dialect, docs/build.md, cannot hold an ac_future(void) in a variable.) */
static async int sweeper(long tick, ac_cancel *stop) {
    while (await ac_delay_cancel(tick, stop) == 0)
        conns_expire(false);
    return 0;
}

/* Cancels `stop` when SIGINT or SIGTERM arrives (blocked, read from sfd);
 * 1 if a signal came. */
static async int on_signal(int sfd, ac_cancel *stop) {
    struct signalfd_siginfo *si = malloc(sizeof *si);
    int got = si && await ac_read(sfd, si, sizeof *si, NULL) > 0;
    if (got)
        ac_cancel_trigger(stop);
    free(si);
    return got;
}

static int usage(void)
{
    fprintf(stderr, "usage: http-server [-d] [-i idle_ms] [-k keepalive_ms] [-H header_ms] "
                    "[-w io_ms] [PORT]\n");
    return 2;
}

int main(int argc, char **argv) {
    bool deferred = false;
    for (int opt; (opt = getopt(argc, argv, "di:k:H:w:")) != -1;) {
        if (opt == 'd') {
            deferred = true;
            continue;
        }
        long *t = opt == 'i' ? &timeout.idle : opt == 'k' ? &timeout.keep_alive
                : opt == 'H' ? &timeout.header : opt == 'w' ? &timeout.io : NULL;
        if (!t || (*t = atol(optarg)) <= 0)
            return usage();
    }
    char *end = NULL;
    long port = optind < argc ? strtol(argv[optind], &end, 10) : 8080;
    if (optind + 1 < argc || (end && *end) || port < 1 || port > 65535)
        return usage();                     /* 234610 would bind 38002 */
    /* Block the signals before the pool's threads exist, so that they
     * inherit the mask and only the signalfd sees them. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);
    signal(SIGPIPE, SIG_IGN);
    /* One CPU: no pool threads, the main thread runs every task inside
     * ac_wait.  A pool of one worker would leave the process three threads
     * (main, the worker, the I/O thread), and in a process of several
     * threads the kernel takes a reference on the socket's file at every
     * recv and send (fdget's shortcut is for a process of one thread) and
     * glibc wraps each in its cancellation-point guard: with 1,000
     * keep-alive connections on a capped CPU, single-threaded served about
     * 10% more requests with the same CPU (docs/performance.md, "One CPU,
     * one thread").  Before any other asyncc call: once the pool runs,
     * ac_start says -EALREADY. */
    cpu_set_t cpus;
    if (!getenv("ASYNCC_WORKERS") && sched_getaffinity(0, sizeof cpus, &cpus) == 0 &&
        CPU_COUNT(&cpus) == 1)
        ac_start(&(ac_config){.single_threaded = true});
    int sfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    ac_cancel *stop = ac_cancel_new();
    /* -d: the kernel hands over a connection only once its first bytes
     * have come (TCP_DEFER_ACCEPT, nginx's `listen ... deferred`), so the
     * first read of each connection finds its request instead of failing
     * and waiting in epoll.  A silent client is handed over at the first
     * retransmission of the SYN-ACK after the value's seconds (the kernel
     * counts retransmissions, 1, 3, 7, 15 s...): 1 s, so that it is held
     * about a second before the idle timeout starts (with the idle timeout
     * as the value, -i 10000 held a silent client 15 s, then 10 more). */
    int defer_s = 1;
    if (sfd < 0 || lfd < 0 || !stop || bind(lfd, (struct sockaddr *)&addr, sizeof addr) ||
        (deferred && setsockopt(lfd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer_s, sizeof defer_s)) ||
        listen(lfd, 1024) || ac_set_nonblocking(lfd)) {
        perror("http-server");
        ac_cancel_free(stop);
        return 1;
    }
    fprintf(stderr, "listening on http://127.0.0.1:%ld/\n", port);
    long tick = timeout.idle;
    tick = timeout.keep_alive < tick ? timeout.keep_alive : tick;
    tick = timeout.header < tick ? timeout.header : tick;
    tick = timeout.io < tick ? timeout.io : tick;
    tick = tick / 8 < 10 ? 10 : tick / 8 > 1000 ? 1000 : tick / 8;
    ac_future(int) signals = on_signal(sfd, stop);
    ac_future(int) sweep = sweeper(tick, stop);
    int err = ac_wait(accept_loop(lfd, stop));

    /* Shut down: close every connection, wait for their tasks to end. */
    if (!ac_cancel_requested(stop))
        ac_cancel_trigger(stop);
    for (int i = 0; i < 500 && conns_count() > 0; i++) {
        conns_expire(true);
        ac_wait(ac_delay(10));              /* single-threaded: runs the tasks */
    }
    (void)ac_wait(sweep);
    ac_io_forget(sfd);                      /* ends on_signal's read */
    (void)ac_wait(signals);
    long left = ac_shutdown(1000);
    close(sfd);
    close(lfd);
    ac_cancel_free(stop);
    fprintf(stderr, "http-server: %ld connections, %ld requests, %ld timeouts, "
                    "%ld shed, %ld spare accepts, %ld tasks left%s%s\n",
            atomic_load(&stats.accepted), atomic_load(&stats.requests),
            atomic_load(&stats.timeouts), atomic_load(&stats.shed),
            atomic_load(&stats.spare_used), left, err ? "; accept: " : "",
            err ? ac_strerror(err) : "");
    return err || left ? 1 : 0;
}
