/* epoll.c - the HTTP baseline written by hand: what this machine can do
 * without a runtime.  Plain C, no framework: one thread per CPU it may
 * run on (its affinity), each with its own SO_REUSEPORT listening socket
 * and its own epoll set (edge-triggered), so threads share nothing.  The
 * same work as examples/http/server.c for a good request: parse the
 * request line and the fields (Content-Length, Connection, Host),
 * keep-alive and pipelining, answer "Hello, World!\n" with a Date header;
 * malformed input gets 400 and a close.  No timeouts: a benchmark peer,
 * not a server to copy.
 *
 *   epoll [-d] [PORT]     (listens on 127.0.0.1; -d: TCP_DEFER_ACCEPT, as
 *                         the asyncc example's -d and nginx's `deferred`)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { MAX_HEAD = 8192, OUT_SIZE = 16384 };

static const char HELLO[] = "Hello, World!\n";
static int port;
static bool deferred;          /* -d */

struct conn {
    int fd;
    size_t have, out_len, out_off;
    bool closing;                 /* close once `out` is sent */
    char in[MAX_HEAD];
    char out[OUT_SIZE];
};

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

/* Parses one request head at in[0..len): its length (plus the body's,
 * which must be buffered too), 0 if incomplete, -1 if malformed.  Sets
 * *keep_alive. */
static long parse(const char *in, size_t len, bool *keep_alive)
{
    const char *end = memmem(in, len, "\r\n\r\n", 4);
    if (!end)
        return len >= MAX_HEAD ? -1 : 0;
    const char *p = in, *eol = memchr(p, '\r', end - p + 2);
    const char *sp1 = memchr(p, ' ', eol - p);
    const char *sp2 = sp1 ? memchr(sp1 + 1, ' ', eol - sp1 - 1) : NULL;
    if (!sp1 || sp1 == p || !sp2 || sp2 == sp1 + 1 || eol - sp2 != 9 ||
        memcmp(sp2 + 1, "HTTP/1.", 7) || (sp2[8] != '0' && sp2[8] != '1'))
        return -1;
    bool http11 = sp2[8] == '1', host = false;
    *keep_alive = http11;
    long body = 0;
    for (p = eol + 2; p < end + 2; p = eol + 2) {
        eol = memchr(p, '\r', end + 2 - p);
        const char *colon = memchr(p, ':', eol - p);
        if (!colon || colon == p || eol[1] != '\n')
            return -1;
        const char *v = colon + 1;
        while (v < eol && (*v == ' ' || *v == '\t'))
            v++;
        size_t nlen = colon - p, vlen = eol - v;
        if (nlen == 14 && !strncasecmp(p, "content-length", 14)) {
            body = 0;
            for (const char *q = v; q < eol; q++) {
                if (*q < '0' || *q > '9' || body > MAX_HEAD)
                    return -1;
                body = body * 10 + (*q - '0');
            }
        } else if (nlen == 10 && !strncasecmp(p, "connection", 10)) {
            if (vlen >= 5 && !strncasecmp(v, "close", 5))
                *keep_alive = false;
            else if (vlen >= 10 && !strncasecmp(v, "keep-alive", 10))
                *keep_alive = true;
        } else if (nlen == 4 && !strncasecmp(p, "host", 4)) {
            host = true;
        }
    }
    if (http11 && !host)
        return -1;
    long total = end + 4 - in + body;
    return (size_t)total <= len ? total : total > MAX_HEAD ? -1 : 0;
}

static void respond(struct conn *c, int status, bool keep_alive)
{
    c->out_len += snprintf(c->out + c->out_len, OUT_SIZE - c->out_len,
                           "HTTP/1.1 %s\r\nDate: %s\r\nContent-Type: text/plain\r\n"
                           "Content-Length: %d\r\n%s\r\n%s",
                           status == 200 ? "200 OK" : "400 Bad Request", http_date(),
                           status == 200 ? (int)sizeof HELLO - 1 : 11,
                           keep_alive ? "" : "Connection: close\r\n",
                           status == 200 ? HELLO : "Bad Request");
}

/* Sends what is in c->out: 1 when all of it went, 0 if the socket is
 * full (EPOLLOUT will say when to go on), -1 if it is broken. */
static int flush(struct conn *c)
{
    while (c->out_off < c->out_len) {
        ssize_t n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off, MSG_NOSIGNAL);
        if (n < 0)
            return errno == EAGAIN ? 0 : -1;
        c->out_off += n;
    }
    c->out_len = c->out_off = 0;
    return 1;
}

/* Handles readiness of c: answers every complete request buffered (as far
 * as `out` has room), sends, reads more, until the socket has nothing more
 * or is full.  Returns false when c must be closed. */
static bool on_ready(struct conn *c)
{
    for (;;) {
        size_t used = 0;
        long len;
        bool keep_alive, full = false;
        while (!c->closing && !(full = c->out_len > OUT_SIZE - 512) &&
               (len = parse(c->in + used, c->have - used, &keep_alive)) != 0) {
            if (len < 0) {
                respond(c, 400, false);
                c->closing = true;
                break;
            }
            respond(c, 200, keep_alive);
            c->closing = !keep_alive;
            used += len;
        }
        memmove(c->in, c->in + used, c->have - used);
        c->have -= used;
        int sent = flush(c);
        if (sent <= 0)
            return sent == 0;
        if (c->closing)
            return false;
        if (full)
            continue;
        ssize_t n = recv(c->fd, c->in + c->have, MAX_HEAD - c->have, 0);
        if (n == 0 || (n < 0 && errno != EAGAIN))
            return false;
        if (n < 0)
            return true;
        c->have += n;
    }
}

static void *loop(void *arg)
{
    (void)arg;
    int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
    setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    setsockopt(lfd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    int defer_s = 1;                /* as the asyncc example: server.c */
    if (bind(lfd, (struct sockaddr *)&a, sizeof a) ||
        (deferred &&
         setsockopt(lfd, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer_s, sizeof defer_s)) ||
        listen(lfd, 1024)) {
        perror("epoll: listen");
        exit(1);
    }
    int ep = epoll_create1(EPOLL_CLOEXEC);
    epoll_ctl(ep, EPOLL_CTL_ADD, lfd, &(struct epoll_event){.events = EPOLLIN, .data.ptr = NULL});
    struct epoll_event ev[256];
    for (;;) {
        int n = epoll_wait(ep, ev, 256, -1);
        for (int i = 0; i < n; i++) {
            struct conn *c = ev[i].data.ptr;
            if (!c) {
                int fd;
                while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    c = malloc(sizeof *c);
                    c->fd = fd;
                    c->have = c->out_len = c->out_off = 0;
                    c->closing = false;
                    epoll_ctl(ep, EPOLL_CTL_ADD, fd,
                              &(struct epoll_event){.events = EPOLLIN | EPOLLOUT | EPOLLET, .data.ptr = c});
                    if (!on_ready(c)) {
                        close(fd);
                        free(c);
                    }
                }
                continue;
            }
            if (!on_ready(c)) {
                shutdown(c->fd, SHUT_WR);      /* let a 400 reach the client */
                close(c->fd);
                free(c);
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    deferred = argc > 1 && strcmp(argv[1], "-d") == 0;
    port = argc > 1 + deferred ? atoi(argv[1 + deferred]) : 8080;
    signal(SIGPIPE, SIG_IGN);
    cpu_set_t cpus;                 /* one thread per CPU it may run on */
    long n = sched_getaffinity(0, sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus)
                                                         : sysconf(_SC_NPROCESSORS_ONLN);
    n = n < 1 ? 1 : n;
    pthread_t t;
    for (long i = 1; i < n; i++)
        pthread_create(&t, NULL, loop, NULL);
    loop(NULL);
}
