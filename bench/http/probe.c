/* probe.c - is a server fair to a newcomer while greedy clients keep it
 * busy?  (issue 15: "with two greedy pipelining clients on two workers,
 * every probe request answered within 100 ms")
 *
 *   probe PORT [GREEDY [PROBES [GAP_MS]]]
 *
 * GREEDY threads (2) each open one keep-alive connection and keep it full:
 * they send 64 pipelined GET requests at a time and read the answers as
 * they come, sending the next batch once half of the previous one was
 * answered, so the server always has requests waiting on them.  Meanwhile
 * PROBES times (20), GAP_MS apart (50), a fresh connection sends one GET
 * with Connection: close and waits for the status line (5 s at most).
 * Prints "max_ms answered_within_100ms probes greedy_rps": the slowest
 * probe in ms (5000 for one not answered in time), how many of the probes
 * were answered within 100 ms, and the responses per second the greedy
 * clients got meanwhile (that they were served at all, and how fast).  Plain C:
 * a client, not part of any server. */
#define _GNU_SOURCE
#include <arpa/inet.h>
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

enum { BATCH = 64, PROBE_TIMEOUT_MS = 5000 };

static int port;
static _Atomic bool stop;
static _Atomic long responses;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int dial(void)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("probe: connect");
        exit(2);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w <= 0)
            return -1;
        p += w, n -= (size_t)w;
    }
    return 0;
}

/* Counts responses by their status lines ("HTTP/1.1 200"), which may be
 * split across reads: the state is how much of the marker matched. */
static long count_marks(const char *buf, ssize_t n, int *matched)
{
    static const char mark[] = "HTTP/1.1 ";
    long c = 0;
    for (ssize_t i = 0; i < n; i++) {
        if (buf[i] == mark[*matched]) {
            if (++*matched == (int)sizeof mark - 1)
                c++, *matched = 0;
        } else {
            *matched = buf[i] == mark[0];
        }
    }
    return c;
}

static void *greedy(void *arg)
{
    (void)arg;
    static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\n\r\n";
    char batch[BATCH * (sizeof req - 1)];
    for (int i = 0; i < BATCH; i++)
        memcpy(batch + i * (sizeof req - 1), req, sizeof req - 1);
    int fd = dial();
    long sent = 0, got = 0;
    int matched = 0;
    char buf[65536];
    while (!stop) {
        if (sent - got <= BATCH / 2) {
            if (write_all(fd, batch, sizeof batch) != 0)
                break;
            sent += BATCH;
        }
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0)
            continue;
        ssize_t n = read(fd, buf, sizeof buf);
        if (n <= 0)
            break;
        long c = count_marks(buf, n, &matched);
        got += c;
        responses += c;
    }
    close(fd);
    return NULL;
}

/* One probe: ms until the first bytes of the answer, or PROBE_TIMEOUT_MS. */
static double probe(void)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    double t0 = now_ms();
    int fd = dial();
    double ms = PROBE_TIMEOUT_MS;
    char buf[256];
    if (write_all(fd, req, sizeof req - 1) == 0) {
        struct pollfd p = {fd, POLLIN, 0};
        if (poll(&p, 1, PROBE_TIMEOUT_MS) == 1 && read(fd, buf, sizeof buf) > 0)
            ms = now_ms() - t0;
    }
    close(fd);
    return ms;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return fprintf(stderr, "usage: probe PORT [GREEDY [PROBES [GAP_MS]]]\n"), 2;
    port = atoi(argv[1]);
    int ngreedy = argc > 2 ? atoi(argv[2]) : 2;
    int nprobes = argc > 3 ? atoi(argv[3]) : 20;
    int gap = argc > 4 ? atoi(argv[4]) : 50;
    pthread_t th[16];
    if (ngreedy > 16)
        ngreedy = 16;
    for (int i = 0; i < ngreedy; i++)
        pthread_create(&th[i], NULL, greedy, NULL);
    nanosleep(&(struct timespec){0, 200 * 1000000L}, NULL);   /* they get going */
    long before = responses;
    double t0 = now_ms(), max = 0;
    int fast = 0;
    for (int i = 0; i < nprobes; i++) {
        double ms = probe();
        if (ms > max)
            max = ms;
        fast += ms <= 100;
        nanosleep(&(struct timespec){0, gap * 1000000L}, NULL);
    }
    double served = (responses - before) * 1000.0 / (now_ms() - t0);
    stop = true;
    for (int i = 0; i < ngreedy; i++)
        pthread_join(th[i], NULL);
    printf("%.1f %d %d %.0f\n", max, fast, nprobes, served);
    return 0;
}
