/* lock.c - the runtime's small lock (ac__lock, internal.h): a futex word
 * where a pthread_mutex_t takes 40 bytes.  A descriptor's state (io.c) and
 * a cancellation token (cancel.c) each fit in one cache line with it; with
 * 1,000 keep-alive HTTP connections every request finds both cold, so
 * each line saved is a cache miss saved per request.
 *
 * The word: 0 free, 1 held, 2 held and maybe waited for (Drepper,
 * "Futexes Are Tricky", mutex 3).  The uncontended paths (one CAS to take,
 * one exchange to release) are inline in internal.h; here are the waits. */
#include "internal.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

void ac__lock_wait(ac__lock_t *l, uint32_t seen)
{
    if (seen != 2)
        seen = atomic_exchange_explicit(l, 2, memory_order_acquire);
    while (seen != 0) {
        syscall(SYS_futex, l, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
        seen = atomic_exchange_explicit(l, 2, memory_order_acquire);
    }
}

void ac__lock_wake(ac__lock_t *l)
{
    syscall(SYS_futex, l, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
}
