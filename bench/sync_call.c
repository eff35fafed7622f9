/* sync_call.c (asyncc dialect) - the callees of metric 1 (sync_call_*):
 * an async function that completes synchronously and a plain function doing
 * the same work.  The loop that calls them is plain C, in sync_call_main.c,
 * so that it can consume the completed future the way generated code does
 * (task == NULL: a branch and a copy) without adding an async caller's own
 * frame to the measurement; await_ready.c measures that part.
 * noipa: never inlined, cloned or assumed pure. */
#include <asyncc.h>

__attribute__((noipa)) async long work_async(long a, long b) {
    return a * 3 + (b >> 1);
}

__attribute__((noipa)) long work_plain(long a, long b) {
    return a * 3 + (b >> 1);
}
