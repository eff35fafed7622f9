/* sync.h - maps the dialect away, so that a random program (gen.c) compiled
 * with -DAC_SYNC is its own synchronous meaning: `async` and `await`
 * vanish, a future is its value, a call runs to completion where it is
 * written, a promise is a pointer to the value it will hold.  The program
 * includes this instead of <asyncc.h> under AC_SYNC.
 *
 * What the mapping cannot give: plain C leaves unspecified the order of the
 * calls in one expression, where asyncc runs awaits in source order.  The
 * generator makes every result insensitive to that order (see gen.c). */
#ifndef ASYNCC_RANDOM_SYNC_H
#define ASYNCC_RANDOM_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#define async
#define await
#define ac_future(T) T
typedef long ac_promise;
#define ac_promise_new(f) (f)
#define ac_promise_set_long(p, v) (*(p) = (v))
#define ac_detach(f) ((void)(f))
#define ac_yield() ((void)0)
#define ac_delay(ms) ((void)(ms))
#define ac_wait(f) (f)
#define ac_run(fn, arg) ((fn)(arg))
#define ac_shutdown(ms) ((void)(ms), 0L)

#endif
