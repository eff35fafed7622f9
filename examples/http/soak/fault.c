/* fault.c - the soak's fault client for examples/http/server.c (plain C).
 *
 *   fault [-t THREADS] [-d SECONDS] [-n IDLE] [-T TIMEOUT_MS] PORT
 *
 * THREADS threads (4) each run random scenarios against 127.0.0.1:PORT for
 * SECONDS (10), and one more holds IDLE (100) idle connections open,
 * reopening each one the server closes.  Scenarios:
 *   good       1-8 pipelined GETs (sometimes with bare LF lines, leading
 *              empty lines, or a zero-padded Content-Length body), each
 *              answer checked; or a HEAD (no body)
 *   slow       one GET sent in pieces, 1-20 ms apart, checked
 *   malformed  a bad request from a list: its status, then the close
 *   cut_req    a prefix of a request, then close (half of them reset)
 *   cut_resp   64 pipelined GETs, a few bytes read, then close/reset
 *   stall      GETs sent without reading until the server stops taking
 *              them; later every complete answer read is checked
 *   slowloris  a head trickled for twice TIMEOUT_MS (the server's header
 *              and I/O timeouts, 2000): 408 or a close, in time
 * A request counts as answered when its whole answer arrived; a
 * connection the server closes before answering (shed at the descriptor
 * limit, a timeout) counts as `cut`.  Any answer that is not exactly the
 * expected one is `wrong`: printed (the first few) and the exit status is 1.
 * Prints one line of counters: key=value ...
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static int port, header_ms = 2000;
static _Atomic bool done;
static _Atomic long answered, cut, wrong, faults, conns, idle_closed, connect_failed;
static _Atomic long n_good, n_slow, n_malformed, n_cut_req, n_cut_resp, n_stall, n_slowloris;

static const char HELLO[] = "Hello, World!\n";
static char fields[65 * 12 + 64], binary[4096];   /* 431 and 400 requests */

static void report_wrong(const char *what, const char *got, size_t n)
{
    if (atomic_fetch_add(&wrong, 1) < 10)
        fprintf(stderr, "fault: WRONG %s: got '%.*s'\n", what, (int)(n > 300 ? 300 : n), got);
}

static void msleep(long ms)
{
    nanosleep(&(struct timespec){ms / 1000, ms % 1000 * 1000000}, NULL);
}

/* A blocking connection with 10 s send and receive timeouts, or -1. */
static int dial(int rcvbuf)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &a.sin_addr);
    struct timeval tv = {10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (rcvbuf)
        setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
        atomic_fetch_add(&connect_failed, 1);
        if (fd >= 0)
            close(fd);
        return -1;
    }
    atomic_fetch_add(&conns, 1);
    return fd;
}

/* Closes fd; with `reset`, by a RST (SO_LINGER 0). */
static void hang_up(int fd, bool reset)
{
    if (reset)
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &(struct linger){1, 0}, sizeof(struct linger));
    close(fd);
}

static bool send_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
        if (k <= 0)
            return false;
        p += k, n -= k;
    }
    return true;
}

/* A connection's received bytes; responses are taken off the front. */
struct stream {
    int fd;
    size_t have;
    char buf[65536];
};

/* Reads the next response: 1 with *status set and the whole response in
 * buf[0..*len), 0 if the connection ended (EOF, reset) before its end
 * (*len: bytes of it received), -1 if it is not a valid response or did
 * not come within the 10 s receive timeout (every server timeout is
 * shorter). */
static int next_response(struct stream *s, int *status, size_t *len)
{
    for (;;) {
        char *end = memmem(s->buf, s->have, "\r\n\r\n", 4);
        if (end) {
            size_t head = end - s->buf + 4;
            char *cl = memmem(s->buf, head, "\r\nContent-Length: ", 18);
            if (sscanf(s->buf, "HTTP/1.1 %d ", status) != 1 || !cl)
                return *len = s->have, -1;
            size_t body = strtoul(cl + 18, NULL, 10);
            if (s->have >= head + body)
                return *len = head + body, 1;
        }
        if (s->have == sizeof s->buf)
            return *len = s->have, -1;
        ssize_t n = recv(s->fd, s->buf + s->have, sizeof s->buf - s->have, 0);
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return *len = s->have, -1;
        if (n <= 0)
            return *len = s->have, 0;
        s->have += n;
    }
}

static void consume(struct stream *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->have - n);
    s->have -= n;
}

/* Checks one response to a GET (or, for `want` != 200, an error response
 * that closes): true if it is exactly that. */
static bool response_ok(const char *r, size_t n, int status, int want)
{
    if (status != want)
        return false;
    const char *body = memmem(r, n, "\r\n\r\n", 4) + 4;
    if (want == 200)
        return (size_t)(r + n - body) == sizeof HELLO - 1 &&
               !memcmp(body, HELLO, sizeof HELLO - 1) &&
               memmem(r, body - r, "\r\nContent-Type: text/plain\r\n", 28);
    return memmem(r, body - r, "\r\nConnection: close\r\n", 21) != NULL;
}

/* Reads `count` responses to GETs on s: each answered and correct, or the
 * connection cut before the rest (counted as cut unless `cut_ok`, which
 * also allows the last answer to be cut short).  Returns the number
 * answered. */
static int expect_200s(struct stream *s, int count, const char *what, bool cut_ok)
{
    for (int i = 0; i < count; i++) {
        int status;
        size_t len;
        int r = next_response(s, &status, &len);
        if (r == 0) {
            if (len && !cut_ok)               /* a partial answer */
                report_wrong(what, s->buf, len);
            else if (!cut_ok)
                atomic_fetch_add(&cut, count - i);
            return i;
        }
        if (r < 0 || !response_ok(s->buf, len, status, 200)) {
            report_wrong(what, s->buf, len);
            return i;
        }
        atomic_fetch_add(&answered, 1);
        consume(s, len);
    }
    return count;
}

static void good(unsigned *seed, struct stream *s)
{
    static const char *forms[] = {
        "GET /%d HTTP/1.1\r\nHost: soak\r\nUser-Agent: fault\r\n\r\n",
        "GET /%d HTTP/1.1\nHost: soak\n\n",                         /* bare LF */
        "\r\nGET /%d HTTP/1.1\r\nHost: soak\r\n\r\n",               /* leading CRLF */
        "GET /%d HTTP/1.1\r\nHost: soak\r\nContent-Length: 0000000005\r\n\r\nhello",
    };
    int n = 1 + rand_r(seed) % 8;
    char req[2048];
    size_t len = 0;
    for (int i = 0; i < n; i++)
        len += snprintf(req + len, sizeof req - len, forms[rand_r(seed) % 4], i);
    if (!send_all(s->fd, req, len))
        atomic_fetch_add(&cut, n);
    else
        expect_200s(s, n, "good GET", false);
}

/* HEAD: the headers of a 200 (Content-Length 14), no body, then the close. */
static void head(struct stream *s)
{
    static const char req[] = "HEAD / HTTP/1.1\r\nHost: soak\r\nConnection: close\r\n\r\n";
    if (!send_all(s->fd, req, sizeof req - 1)) {
        atomic_fetch_add(&cut, 1);
        return;
    }
    ssize_t n = 0;
    while (s->have < sizeof s->buf && (n = recv(s->fd, s->buf + s->have, sizeof s->buf - s->have, 0)) > 0)
        s->have += n;
    char *end = memmem(s->buf, s->have, "\r\n\r\n", 4);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
        report_wrong("HEAD: no answer or no close in 10 s", s->buf, s->have);
    else if (s->have == 0)
        atomic_fetch_add(&cut, 1);
    else if (!end || end + 4 != s->buf + s->have || strncmp(s->buf, "HTTP/1.1 200 OK\r\n", 17) ||
             !memmem(s->buf, s->have, "\r\nContent-Length: 14\r\n", 22))
        report_wrong("HEAD", s->buf, s->have);
    else
        atomic_fetch_add(&answered, 1);
}

static void slow(unsigned *seed, struct stream *s)
{
    static const char req[] = "GET /slow HTTP/1.1\r\nHost: soak\r\nX-Slow: yes\r\n\r\n";
    for (size_t i = 0; i < sizeof req - 1;) {
        size_t k = 1 + rand_r(seed) % 8;
        k = k > sizeof req - 1 - i ? sizeof req - 1 - i : k;
        if (!send_all(s->fd, req + i, k)) {
            atomic_fetch_add(&cut, 1);
            return;
        }
        i += k;
        msleep(1 + rand_r(seed) % 20);
    }
    expect_200s(s, 1, "slow GET", false);
}

static void malformed(unsigned *seed, struct stream *s)
{
    struct { int status; const char *req; size_t len; } bad[] = {
        {400, "GARBAGE\r\n\r\n", 0},
        {400, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 0},
        {400, "GET / HTTP/1.1\r\n\r\n", 0},
        {400, "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 0},
        {400, "GET / HTTP/1.1\r\nHost: x\r\nX: a\rb\r\n\r\n", 0},
        {400, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 0},
        {413, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n", 0},
        {501, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 0},
        {405, "DELETE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 0},
        {431, fields, 0},
        {400, binary, sizeof binary},
    };
    int i = rand_r(seed) % (sizeof bad / sizeof bad[0]);
    size_t len = bad[i].len ? bad[i].len : strlen(bad[i].req);
    send_all(s->fd, bad[i].req, len);       /* the server may close first */
    int status;
    size_t rl;
    int r = next_response(s, &status, &rl);
    if (r == 0 && rl == 0) {
        atomic_fetch_add(&cut, 1);
        return;
    }
    if (r != 1 || !response_ok(s->buf, rl, status, bad[i].status)) {
        report_wrong("malformed request's answer", s->buf, rl);
        return;
    }
    atomic_fetch_add(&answered, 1);
    consume(s, rl);
    char c;
    if (s->have || recv(s->fd, &c, 1, 0) > 0)
        report_wrong("bytes after an error answer", s->buf, s->have);
}

static void init(void)
{
    size_t n = sprintf(fields, "GET / HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 64; i++)
        n += sprintf(fields + n, "X-%d: v\r\n", i);
    strcpy(fields + n, "\r\n");
    for (size_t i = 0; i < sizeof binary; i++)
        binary[i] = (char)(i * 2654435761u >> 13);
    binary[0] = 0x16;                       /* a TLS record, say */
}

static void cut_request(unsigned *seed, struct stream *s)
{
    static const char req[] = "GET /cut HTTP/1.1\r\nHost: soak\r\nX-Long: aaaaaaaaaaaaaaaaaaaa\r\n\r\n";
    send_all(s->fd, req, 1 + rand_r(seed) % (sizeof req - 2));
}

static void cut_response(unsigned *seed, struct stream *s)
{
    char req[64 * 40];
    size_t len = 0;
    for (int i = 0; i < 64; i++)
        len += sprintf(req + len, "GET /%d HTTP/1.1\r\nHost: soak\r\n\r\n", i);
    if (send_all(s->fd, req, len))
        recv(s->fd, s->buf, 1 + rand_r(seed) % 500, 0);
}

/* Sends GETs without reading until the server stops taking them (its
 * writes blocked), waits past its I/O timeout, then reads: every complete
 * answer must be right; the server may end the last one early. */
static void stall(unsigned *seed, struct stream *s)
{
    (void)seed;
    static const char req[] = "GET /stall HTTP/1.1\r\nHost: soak\r\n\r\n";
    long sent = 0;
    for (int blocked = 0; blocked < 20 && sent < 100000;) {
        ssize_t k = send(s->fd, req, sizeof req - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (k == (ssize_t)sizeof req - 1)
            sent++;
        else if (k < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            blocked++, msleep(5);
        else
            break;                          /* a partial send ends it */
    }
    msleep(header_ms + 500);
    expect_200s(s, (int)sent, "stalled GETs", true);
}

static void slowloris(unsigned *seed, struct stream *s)
{
    if (!send_all(s->fd, "GET / HTTP/1.1\r\n", 16))
        return;
    long t = 0;
    while (t < header_ms * 2) {
        char line[32];
        int n = snprintf(line, sizeof line, "X-%ld: %u\r\n", t, rand_r(seed) % 1000);
        if (!send_all(s->fd, line, n))
            break;
        msleep(100);
        t += 100;
    }
    /* Closed by now (its header timeout passed): 408, or nothing if shed. */
    if (poll(&(struct pollfd){.fd = s->fd, .events = POLLIN}, 1, 3000) == 0) {
        report_wrong("slowloris: not closed", "", 0);
        return;
    }
    int status;
    size_t rl;
    int r = next_response(s, &status, &rl);
    if ((r == 1 && (status != 408 || !response_ok(s->buf, rl, status, 408))) || r < 0 ||
        (r == 0 && rl))
        report_wrong("slowloris answer", s->buf, rl);
}

static void *worker(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg * 7919u + (unsigned)time(NULL);
    struct stream *s = malloc(sizeof *s);
    while (!atomic_load(&done)) {
        int pick = rand_r(&seed) % 100;
        s->have = 0;
        s->fd = dial(pick >= 94 && pick < 97 ? 4096 : 0);
        if (s->fd < 0) {
            msleep(10);
            continue;
        }
        bool reset = rand_r(&seed) % 2;
        if (pick < 55) {
            good(&seed, s);
            n_good++;
        } else if (pick < 60) {
            head(s);
            n_good++;
        } else if (pick < 68) {
            slow(&seed, s);
            n_slow++;
        } else if (pick < 80) {
            malformed(&seed, s);
            n_malformed++;
        } else if (pick < 87) {
            cut_request(&seed, s);
            n_cut_req++;
        } else if (pick < 94) {
            cut_response(&seed, s);
            n_cut_resp++;
        } else if (pick < 97) {
            stall(&seed, s);
            n_stall++;
        } else {
            slowloris(&seed, s);
            n_slowloris++;
        }
        if (pick >= 80)
            faults++;
        hang_up(s->fd, pick >= 80 && reset);
    }
    free(s);
    return NULL;
}

/* Holds n idle connections, reopening each that the server closes. */
static void *idler(void *arg)
{
    int n = (int)(intptr_t)arg;
    struct pollfd *p = calloc(n, sizeof *p);
    for (int i = 0; i < n; i++)
        p[i] = (struct pollfd){.fd = -1, .events = POLLIN};
    while (!atomic_load(&done)) {
        for (int i = 0; i < n; i++)
            if (p[i].fd < 0 && (p[i].fd = dial(0)) >= 0)
                faults++;
        if (poll(p, n, 100) <= 0)
            continue;
        for (int i = 0; i < n; i++) {
            char c;
            if (p[i].fd >= 0 && p[i].revents && recv(p[i].fd, &c, 1, MSG_DONTWAIT) <= 0) {
                close(p[i].fd);
                p[i].fd = -1;
                idle_closed++;
            }
        }
    }
    for (int i = 0; i < n; i++)
        if (p[i].fd >= 0)
            close(p[i].fd);
    free(p);
    return NULL;
}

int main(int argc, char **argv)
{
    int threads = 4, seconds = 10, idle = 100;
    for (int opt; (opt = getopt(argc, argv, "t:d:n:T:")) != -1;) {
        int v = atoi(optarg);
        if (opt == 't') threads = v;
        else if (opt == 'd') seconds = v;
        else if (opt == 'n') idle = v;
        else if (opt == 'T') header_ms = v;
        else return 2;
    }
    if (optind >= argc || (port = atoi(argv[optind])) <= 0) {
        fprintf(stderr, "usage: fault [-t threads] [-d seconds] [-n idle] [-T timeout_ms] PORT\n");
        return 2;
    }
    init();
    pthread_t tid[threads + 1];
    for (int i = 0; i < threads; i++)
        pthread_create(&tid[i], NULL, worker, (void *)(uintptr_t)(i + 1));
    pthread_create(&tid[threads], NULL, idler, (void *)(intptr_t)idle);
    sleep(seconds);
    done = true;
    for (int i = 0; i <= threads; i++)
        pthread_join(tid[i], NULL);
    printf("answered=%ld wrong=%ld cut=%ld faults=%ld connections=%ld idle_closed=%ld "
           "connect_failed=%ld good=%ld slow=%ld malformed=%ld cut_request=%ld "
           "cut_response=%ld stall=%ld slowloris=%ld\n",
           answered, wrong, cut, faults, conns, idle_closed, connect_failed, n_good,
           n_slow, n_malformed, n_cut_req, n_cut_resp, n_stall, n_slowloris);
    return wrong ? 1 : 0;
}
