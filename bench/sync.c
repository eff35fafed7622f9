/* sync.c (plain C) - the synchronisation primitives without contention,
 * against their pthread peers, one thread:
 *
 *   sync lock N       ac_lock + ac_unlock of a free ac_mutex (the
 *                     completed future consumed as generated code does)
 *   sync pthread N    pthread_mutex_lock + unlock
 *   sync chan N       ac_chan_send + ac_chan_recv of a long on a channel of
 *                     capacity 64 (both complete at once)
 *   sync ring N       the same through a 64-slot ring under a pthread mutex
 *
 * Prints ns per pair.  bench/run.sh also counts instructions with callgrind
 * at N and 2N (common.h). */
#include <asyncc.h>
#include <pthread.h>
#include <string.h>
#include "common.h"

static ac_mutex m = AC_MUTEX_INIT;
static pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;

static struct {
    long slot[64];
    size_t head, len;
} ring;

/* Consumes a future that must be complete, as generated code would. */
static inline int ready(ac_future_int f)
{
    if (__builtin_expect(f.task != NULL, 0))
        abort();
    return f.value;
}

__attribute__((noipa)) static long run_lock(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        s += ready(ac_lock(&m, NULL));
        ac_unlock(&m);
    }
    return s;
}

__attribute__((noipa)) static long run_pthread(long n)
{
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&pm);
        pthread_mutex_unlock(&pm);
    }
    return 0;
}

__attribute__((noipa)) static long run_chan(ac_chan *ch, long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        long v = i, out;
        s += ready(ac_chan_send(ch, &v, NULL));
        s += ready(ac_chan_recv(ch, &out, NULL));
        s += out - i;
    }
    return s;
}

__attribute__((noipa)) static long run_ring(long n)
{
    long s = 0;
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&pm);
        ring.slot[(ring.head + ring.len++) % 64] = i;
        pthread_mutex_unlock(&pm);
        pthread_mutex_lock(&pm);
        long out = ring.slot[ring.head];
        ring.head = (ring.head + 1) % 64;
        ring.len--;
        pthread_mutex_unlock(&pm);
        s += out - i;
    }
    return s;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "lock";
    long n = bench_arg(argc, argv, 2, 10000000);
    ac_chan *ch = ac_chan_new(sizeof(long), 64);
    double t0 = bench_now_ns();
    long s = !strcmp(mode, "lock")      ? run_lock(n)
             : !strcmp(mode, "pthread") ? run_pthread(n)
             : !strcmp(mode, "chan")    ? run_chan(ch, n)
                                        : run_ring(n);
    double ns = bench_now_ns() - t0;
    if (s != 0)
        return fprintf(stderr, "sync: wrong result\n"), 1;
    printf("%.2f\n", ns / n);
    ac_chan_free(ch);
    return 0;
}
