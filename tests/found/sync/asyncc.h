#ifndef SYNC_ASYNCC_H
#define SYNC_ASYNCC_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#define async
#define await
#define ac_future(T) T
typedef int ac_future_int; typedef long ac_future_long; typedef void ac_future_void;
typedef double ac_future_double; typedef void *ac_future_ptr;
#define ac_detach(f) ((void)(f))
#define ac_yield() ((void)0)
#define ac_delay(ms) ((void)(ms))
#define ac_wait(f) (f)
#define ac_shutdown(ms) ((void)(ms), 0L)
#endif
