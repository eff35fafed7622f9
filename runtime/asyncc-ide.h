/* asyncc-ide.h - the asyncc dialect as editors should see it.
 *
 * clangd (and so VS Code, Emacs, Vim) parses a dialect file as C, where
 * `async` and `await` are unknown words.  The installed clangd configuration
 * (docs/build.md, "Editors") force-includes this header for dialect files:
 * it gives them a consistent synchronous view, in which
 *   - `async` is nothing: `async int f(void)` is a function returning int;
 *   - a future is its value: ac_future(T) is T, and ac_read(...) returns
 *     the ssize_t it will complete with;
 *   - `await` is nothing: `await f()` is f()'s value;
 *   - ac_wait(f) is f, ac_detach(f) discards f;
 * so types, completion and go-to-definition work on the file as written.
 * It replaces <asyncc.h> (whose include guard it defines) for that parse
 * only.  Never compile with it: it declares what the runtime has, not how.
 * Limits of the view: a variable of type ac_future(void) (void is not an
 * object type), the members .task and .value of a future, and the types
 * of <stdint.h> and <sys/types.h> other than uint64_t and ssize_t, which
 * <asyncc.h> would include (include them yourself).
 *
 * Keep it in step with asyncc.h: make test checks that every public name
 * of asyncc.h is declared here. */
#ifndef ASYNCC_IDE_H
#define ASYNCC_IDE_H
#define ASYNCC_H 1

/* Force-included before the file's first line, so no header that reads
 * <features.h>: the file's own #define _GNU_SOURCE must still count.
 * stddef.h and stdbool.h are the compiler's own; the rest are the types
 * the libc headers define the same way (C11 allows the repetition). */
#include <stdbool.h>
#include <stddef.h>
typedef long ssize_t;
typedef __UINT64_TYPE__ uint64_t;

#define async
#define await

typedef struct ac_task ac_task;
typedef struct ac_promise ac_promise;
typedef struct ac_cancel ac_cancel;

#define ac_future(T) __typeof__(T)
#define AC_FUTURE_DECLARE(NAME, T)                                         \
    typedef __typeof__(T) ac_future_##NAME;                                \
    void ac_promise_set_##NAME(ac_promise *p, T v);

typedef void ac_future_void;
typedef void *ac__ptr;
AC_FUTURE_DECLARE(int, int)
AC_FUTURE_DECLARE(long, long)
AC_FUTURE_DECLARE(unsigned, unsigned)
AC_FUTURE_DECLARE(size_t, size_t)
AC_FUTURE_DECLARE(ssize_t, ssize_t)
AC_FUTURE_DECLARE(bool, bool)
AC_FUTURE_DECLARE(double, double)
AC_FUTURE_DECLARE(ptr, ac__ptr)

/* Futures and promises */
void ac_promise_complete(ac_promise *p);
void ac_promise_set_void(ac_promise *p);
#define ac_wait(f) (f)
#define ac_detach(f) ((void)(f))
ac_promise *ac__ide_promise_new(const void *f);
#define ac_promise_new(f) ac__ide_promise_new((const void *)(f))

/* The pool */
typedef struct ac_config {
    unsigned workers;
    bool single_threaded;
} ac_config;
int ac_start(const ac_config *cfg);
long ac_shutdown(uint64_t grace_ms);
unsigned ac_workers(void);
ac_future_void ac_yield(void);
ac_future_ptr ac_run(void *(*fn)(void *), void *arg);

/* Combinators */
ac_future_void ac__ide_when_all(const void *futs, size_t n);
size_t ac__ide_when_any(const void *futs, size_t n);
#define ac_when_all(futs, n) ac__ide_when_all((const void *)(futs), (n))
#define ac_when_any(futs, n) ac__ide_when_any((const void *)(futs), (n))

/* Cancellation */
ac_cancel *ac_cancel_new(void);
void ac_cancel_trigger(ac_cancel *c);
bool ac_cancel_requested(const ac_cancel *c);
void ac_cancel_free(ac_cancel *c);

/* Timers */
ac_future_void ac_delay(uint64_t ms);
ac_future_int ac_delay_cancel(uint64_t ms, ac_cancel *c);

/* I/O */
struct sockaddr;
ac_future_ssize_t ac_read(int fd, void *buf, size_t len, ac_cancel *c);
ac_future_ssize_t ac_write(int fd, const void *buf, size_t len, ac_cancel *c);
ac_future_ssize_t ac_write_all(int fd, const void *buf, size_t len, ac_cancel *c);
ac_future_ssize_t ac_recv(int fd, void *buf, size_t len, int flags, ac_cancel *c);
ac_future_ssize_t ac_send(int fd, const void *buf, size_t len, int flags, ac_cancel *c);
ac_future_int ac_accept(int fd, ac_cancel *c);
ac_future_int ac_connect(int fd, const struct sockaddr *addr, unsigned addrlen,
                         ac_cancel *c);
int ac_set_nonblocking(int fd);
int ac_close(int fd);
void ac_io_forget(int fd);

/* Between tasks (the structures' insides are the runtime's) */
typedef struct ac_sem { long ac__state[4]; } ac_sem;
typedef struct ac_mutex { ac_sem s; } ac_mutex;
typedef struct ac_event { long ac__state[4]; } ac_event;
typedef struct ac_chan ac_chan;
#define AC_SEM_INIT(n) {{(long)(n) << 1}}
#define AC_MUTEX_INIT {AC_SEM_INIT(1)}
#define AC_EVENT_INIT {{0}}
void ac_sem_init(ac_sem *s, unsigned long count);
ac_future_int ac_sem_acquire(ac_sem *s, ac_cancel *c);
bool ac_sem_try_acquire(ac_sem *s);
void ac_sem_release(ac_sem *s);
void ac_mutex_init(ac_mutex *m);
ac_future_int ac_lock(ac_mutex *m, ac_cancel *c);
bool ac_trylock(ac_mutex *m);
void ac_unlock(ac_mutex *m);
void ac_event_init(ac_event *e);
void ac_event_set(ac_event *e);
void ac_event_reset(ac_event *e);
bool ac_event_is_set(ac_event *e);
ac_future_int ac_event_wait(ac_event *e, ac_cancel *c);
ac_chan *ac_chan_new(size_t elem_size, size_t capacity);
void ac_chan_free(ac_chan *ch);
ac_future_int ac_chan_send(ac_chan *ch, const void *elem, ac_cancel *c);
ac_future_int ac_chan_recv(ac_chan *ch, void *out, ac_cancel *c);
int ac_chan_try_send(ac_chan *ch, const void *elem);
int ac_chan_try_recv(ac_chan *ch, void *out);
void ac_chan_close(ac_chan *ch);
size_t ac_chan_len(ac_chan *ch);
/* f's value, or -ETIMEDOUT: a future is its value here. */
#define ac_timeout(ms, f, c) ((void)(ms), (void)(c), (f))
ac_future_int ac_signal(int signo, ac_cancel *c);

/* Statistics and errors */
typedef struct ac_stats {
    uint64_t allocated, freed, live, live_bytes, slab_bytes, scheduled, steals;
} ac_stats;
void ac_stats_get(ac_stats *out);
const char *ac_strerror(long err);
struct _IO_FILE;   /* FILE, as glibc and musl name it */
int ac_dump_tasks(struct _IO_FILE *out);

#endif /* ASYNCC_IDE_H */
