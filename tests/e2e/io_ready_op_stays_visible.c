/* An I/O op that an event makes ready stays its descriptor's op until it
 * completes: a second read of the descriptor meanwhile gets -EBUSY or
 * finds the first one finished, never a free slot while the first still
 * waits to run.  Here one poll finds two pipes readable, A's first: the
 * task woken by B then reads A.  When ops were queued as tasks by the
 * poll (reverted in 143259e), B's task ran before A's queued op: its read
 * took A's byte, and A's pending read then failed with -EBUSY. */
#define _DEFAULT_SOURCE            /* usleep */
#include <asyncc.h>
#include <stdio.h>
#include <unistd.h>

static int pa[2], pb[2];

static void *poke(void *arg) {
    (void)arg;
    ssize_t r = write(pa[1], "a", 1);   /* A ready first, then B */
    r += write(pb[1], "b", 1);
    return (void *)r;
}

static void *late(void *arg) {
    (void)arg;
    usleep(20000);
    ssize_t r = write(pa[1], "z", 1);
    return (void *)r;
}

static async long read_a(char *got) {
    return await ac_read(pa[0], got, 1, NULL);
}

/* After B's byte: A's read must be done (it was ready first), so this
 * read of A waits for the late byte. */
static async long read_b_then_a(char *got) {
    char c;
    await ac_read(pb[0], &c, 1, NULL);
    ac_future(ssize_t) f = ac_read(pa[0], got, 1, NULL);
    ac_detach(ac_run(late, NULL));
    return await f;
}

static async int run(void) {
    char first = '?', second = '?';
    ac_future(long) a = read_a(&first);
    ac_future(long) b = read_b_then_a(&second);
    await ac_run(poke, NULL);
    long rb = await b;
    long ra = await a;
    printf("first read: %ld '%c'; second read: %ld '%c'\n", ra, first, rb, second);
    return 0;
}

int main(void) {
    if (pipe(pa) || pipe(pb))
        return 2;
    int rc = ac_wait(run());
    return rc | (ac_shutdown(1000) != 0);
}
