/* server.c - a small HTTP/1.1 server in the asyncc dialect, on the epoll
 * runtime: one async function per connection, keep-alive, pipelining, and
 * strict request parsing with limits.
 *
 *   build/asyncc examples/http/server.c -o build/http.gen.c
 *   cc -std=gnu11 -O2 -Iruntime build/http.gen.c build/libasyncc.a \
 *      -lpthread -o build/http-server
 *   build/http-server [PORT]          (default 8080, listens on 127.0.0.1)
 *   curl -i http://127.0.0.1:8080/
 *
 * Every request gets "Hello, World!\n" (GET; HEAD gets the headers only;
 * other methods 405).  Malformed requests get 400 and the connection is
 * closed; a request head over MAX_HEAD bytes gets 431, a body over
 * MAX_BODY 413, Transfer-Encoding 501.  Bodies (Content-Length) are read
 * and discarded.  HTTP/1.0 closes after the response unless the client
 * asked for keep-alive; HTTP/1.1 keeps the connection unless it asked to
 * close.  examples/http/check.sh exercises each case.
 */
#define _GNU_SOURCE                 /* memmem */
#include <asyncc.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
    MAX_HEAD = 8192,         /* request line + headers, bytes */
    MAX_HEADERS = 64,        /* header fields per request */
    MAX_BODY = 1 << 20,      /* Content-Length we accept (and discard) */
};

static const char HELLO[] = "Hello, World!\n";

/* ---- parsing (plain C) ---------------------------------------------- */

struct request {
    bool head;               /* HEAD: no body in the response */
    bool get;                /* GET or HEAD: anything else gets 405 */
    bool keep_alive;
    bool http10;             /* an HTTP/1.0 client must be told keep-alive */
    long content_length;
};

enum { NEED_MORE = 0, BAD = -400, TOO_LARGE = -413, NOT_IMPL = -501 };

/* RFC 9110 token characters (methods, header names). */
static bool tchar(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
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

/* Parses the request head at the start of buf[0..len).  Returns its length
 * (through the blank line) when complete, NEED_MORE if it is incomplete,
 * or BAD / TOO_LARGE / NOT_IMPL. */
static long parse_request(const char *buf, size_t len, struct request *rq)
{
    const char *end = memmem(buf, len, "\r\n\r\n", 4);
    if (!end)
        return len >= MAX_HEAD ? -431 : NEED_MORE;
    size_t head_len = end - buf + 4;
    if (head_len > MAX_HEAD)
        return -431;

    /* request-line = method SP request-target SP HTTP-version CRLF */
    const char *p = buf, *eol = memmem(p, head_len, "\r\n", 2);
    const char *m = p;
    while (p < eol && tchar(*p))
        p++;
    size_t mlen = p - m;
    if (mlen == 0 || p == eol || *p++ != ' ')
        return BAD;
    const char *target = p;
    while (p < eol && *p > ' ' && *p < 0x7f)
        p++;
    if (p == target || p == eol || *p++ != ' ')
        return BAD;
    if (eol - p != 8 || memcmp(p, "HTTP/1.", 7) != 0 || (p[7] != '0' && p[7] != '1'))
        return BAD;
    bool http11 = p[7] == '1';
    *rq = (struct request){
        .get = (mlen == 3 && !memcmp(m, "GET", 3)) || (mlen == 4 && !memcmp(m, "HEAD", 4)),
        .head = mlen == 4 && !memcmp(m, "HEAD", 4),
        .keep_alive = http11,
        .http10 = !http11,
        .content_length = 0,
    };

    /* header-field = name ":" OWS value OWS CRLF; obsolete folding is 400 */
    bool seen_length = false, has_host = false;
    int fields = 0;
    for (p = eol + 2; p < end + 2; p = eol + 2) {
        eol = memmem(p, end + 2 - p, "\r\n", 2);
        const char *name = p;
        while (p < eol && tchar(*p))
            p++;
        size_t nlen = p - name;
        if (nlen == 0 || p == eol || *p++ != ':' || ++fields > MAX_HEADERS)
            return BAD;
        while (p < eol && (*p == ' ' || *p == '\t'))
            p++;
        const char *v = p, *ve = eol;
        while (ve > v && (ve[-1] == ' ' || ve[-1] == '\t'))
            ve--;
        for (const char *q = v; q < ve; q++)
            if ((unsigned char)*q < ' ' && *q != '\t')
                return BAD;                   /* control characters */
        size_t vlen = ve - v;
        if (nlen == 14 && !strncasecmp(name, "content-length", 14)) {
            long n = 0;
            if (vlen == 0 || vlen > 9)
                return vlen > 9 && strspn(v, "0123456789") >= vlen ? TOO_LARGE : BAD;
            for (const char *q = v; q < ve; q++) {
                if (*q < '0' || *q > '9')
                    return BAD;
                n = n * 10 + (*q - '0');
            }
            if (seen_length && n != rq->content_length)
                return BAD;                   /* conflicting lengths */
            seen_length = true;
            rq->content_length = n;
        } else if (nlen == 17 && !strncasecmp(name, "transfer-encoding", 17)) {
            return NOT_IMPL;                  /* no chunked bodies here */
        } else if (nlen == 10 && !strncasecmp(name, "connection", 10)) {
            if (has_token(v, vlen, "close"))
                rq->keep_alive = false;
            else if (has_token(v, vlen, "keep-alive"))
                rq->keep_alive = true;
        } else if (nlen == 4 && !strncasecmp(name, "host", 4)) {
            if (has_host)
                return BAD;
            has_host = true;
        }
    }
    if (http11 && !has_host)
        return BAD;                           /* RFC 9112 3.2 */
    if (rq->content_length > MAX_BODY)
        return TOO_LARGE;
    return (long)head_len;
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

/* Formats a complete response into out; returns its length.  `conn` is the
 * Connection header to send, or NULL for none. */
static int format_response(char *out, size_t size, int status, const char *conn,
                           bool with_body)
{
    const char *reason = status == 200 ? "OK" : status == 400 ? "Bad Request"
                       : status == 405 ? "Method Not Allowed"
                       : status == 413 ? "Content Too Large"
                       : status == 431 ? "Request Header Fields Too Large"
                       : "Not Implemented";
    const char *body = status == 200 ? HELLO : reason;
    int blen = status == 200 ? (int)sizeof HELLO - 1 : (int)strlen(reason);
    return snprintf(out, size,
                    "HTTP/1.1 %d %s\r\nDate: %s\r\nContent-Type: text/plain\r\n"
                    "Content-Length: %d\r\n%s%s%s%s\r\n%s",
                    status, reason, http_date(), blen,
                    status == 405 ? "Allow: GET, HEAD\r\n" : "",
                    conn ? "Connection: " : "", conn ? conn : "", conn ? "\r\n" : "",
                    with_body ? body : "");
}

/* ---- the connection (async) ----------------------------------------- */

/* Per-connection buffers, on the heap: the coroutine frame then holds only
 * a pointer and a few scalars (a suspended connection costs its frame plus
 * this), and asyncc need not pin the frame for the addresses handed to
 * ac_read/ac_write_all.  `in` holds received bytes not yet handled:
 * requests may arrive split across reads, or several in one read
 * (pipelining). */
struct conn {
    int fd;
    size_t have;
    struct request rq;
    char in[MAX_HEAD];
    char out[512];
};

/* Before closing, sends FIN and discards what the client has
 * already sent: closing a socket with unread data sends a reset, which can
 * destroy the error response before the client reads it. */
static void drain(int fd, char *scratch, size_t size)
{
    shutdown(fd, SHUT_WR);
    while (recv(fd, scratch, size, MSG_DONTWAIT) > 0)
        ;
}

/* Serves one connection until the peer closes it, an error, or a request
 * that ends it. */
static async void serve(int fd) {
    struct conn *c = malloc(sizeof *c);
    if (!c)
        goto close;
    c->fd = fd;
    c->have = 0;
    for (bool open = true; open;) {
        long head;
        while ((head = parse_request(c->in, c->have, &c->rq)) == NEED_MORE) {
            ssize_t n = await ac_read(fd, c->in + c->have, sizeof c->in - c->have, NULL);
            if (n <= 0)
                goto close;                   /* peer closed, or an error */
            c->have += n;
        }
        if (head < 0) {                       /* reply with the error, close */
            int len = format_response(c->out, sizeof c->out, (int)-head, "close", true);
            if (await ac_write_all(fd, c->out, len, NULL) == len)
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
            ssize_t n = await ac_read(fd, c->in, want, NULL);
            if (n <= 0)
                goto close;
            body -= n;
        }
        open = c->rq.keep_alive;
        int status = c->rq.get ? 200 : 405;
        const char *conn = !open ? "close" : c->rq.http10 ? "keep-alive" : NULL;
        int len = format_response(c->out, sizeof c->out, status, conn, !c->rq.head);
        if (await ac_write_all(fd, c->out, len, NULL) < 0)
            break;
        if (!open)
            drain(fd, c->in, sizeof c->in);
    }
close:
    free(c);
    ac_io_forget(fd);
    close(fd);
}

static async int accept_loop(int lfd) {
    for (;;) {
        int fd = await ac_accept(lfd, NULL);
        if (fd == -EMFILE || fd == -ENFILE || fd == -ECONNABORTED || fd == -EINTR) {
            await ac_delay(fd == -ECONNABORTED ? 0 : 10);   /* out of fds: back off */
            continue;
        }
        if (fd < 0)
            return fd;
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        ac_detach(serve(fd));               /* runs until its first wait */
    }
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    signal(SIGPIPE, SIG_IGN);
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
    if (lfd < 0 || bind(lfd, (struct sockaddr *)&addr, sizeof addr) || listen(lfd, 1024) ||
        ac_set_nonblocking(lfd)) {
        perror("http-server");
        return 1;
    }
    fprintf(stderr, "listening on http://127.0.0.1:%d/\n", port);
    int err = ac_wait(accept_loop(lfd));
    fprintf(stderr, "accept: %s\n", ac_strerror(err));
    return 1;
}
