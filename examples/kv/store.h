/* store.h: a small in-memory key-value store with an async interface.
 * A plain C header: dialect files, the generated C and plain C include it
 * alike (docs/programs.md). */
#ifndef KV_STORE_H
#define KV_STORE_H
#include <asyncc.h>
#include <stdbool.h>

#define KV_KEY_MAX 32

/* What a lookup finds; returned by value, so its future is declared here. */
typedef struct kv_entry {
    char key[KV_KEY_MAX];
    long value;
    bool found;
} kv_entry;
AC_FUTURE_DECLARE(kv_entry, kv_entry)

/* async kv_entry kv_get(const char *key) */
ac_future(kv_entry) kv_get(const char *key);
/* async long kv_add(const char *key, long delta): the new value, or -ENOSPC */
ac_future(long) kv_add(const char *key, long delta);
/* How many keys are stored. */
int kv_size(void);
#endif
