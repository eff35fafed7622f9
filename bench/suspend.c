/* suspend.c (asyncc dialect) - metric 3: suspend + resume through the pool.
 *
 *   suspend yield N   one task awaits ac_yield() N times: each await
 *                     suspends, the task goes to the back of its worker's
 *                     run queue and resumes from there (suspend_resume_*)
 *   suspend child N   a parent awaits N times a child async function that
 *                     itself suspends once on ac_yield(): the child's frame
 *                     is boxed and freed each time, and the child's
 *                     completion resumes the parent
 *                     (await_suspending_child_*)
 *   suspend child_ext N  the same with a child that cannot be embedded
 *                     (non-static, defined after the parent): its frame
 *                     is allocated and freed each time
 *                     (await_suspending_child_ext_*)
 *   suspend pingpong N two tasks pass N messages back and forth through
 *                     promises, like the Go channel ping-pong: each
 *                     message is one promise made, completed and freed,
 *                     and one task suspended and resumed through the pool
 *                     with a single scheduling (suspend_resume_promise_*)
 *
 * Prints ns per iteration.  The pool has ONE worker (ac_start), like the
 * single-threaded C++, Go (GOMAXPROCS=1) and Node baselines, so that the
 * figure is the cost of the mechanism, not of cross-core traffic.
 * bench/run.sh runs it under callgrind at N and 2N for instructions. */
#include <asyncc.h>
#include "suspend_main.h"
#include <string.h>

static async long yield_loop(long n) {
    for (long i = 0; i < n; i++)
        await ac_yield();
    return n;
}

static async long child(long i) {
    await ac_yield();
    return i & 1;
}

static async long parent(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += await child(i);
    return t;
}

/* The same child as an ordinary non-static function, defined after its
 * caller: its frame cannot be embedded in the parent's, so it is boxed
 * (allocated and freed) on every call. */
async long child_ext(long i);

static async long parent_ext(long n) {
    long t = 0;
    for (long i = 0; i < n; i++)
        t += await child_ext(i);
    return t;
}

async long child_ext(long i) {
    await ac_yield();
    return i & 1;
}

/* Each message is the promise the receiver completes with its reply: the
 * value of `await f` is where to answer; NULL ends the game. */
static ac_promise *first_to_pong;

static async long pong(long n) {
    ac_future(void *) f;
    first_to_pong = ac_promise_new(&f);
    for (long i = 0;; i++) {
        ac_promise *to_ping = await f;
        if (i == n - 1) {
            ac_promise_set_ptr(to_ping, NULL);
            return n;
        }
        ac_promise *p = ac_promise_new(&f);
        ac_promise_set_ptr(to_ping, p);
    }
}

static async long ping(void) {
    ac_promise *to_pong = first_to_pong;
    long sent = 0;
    while (to_pong) {
        ac_future(void *) f;
        ac_promise *p = ac_promise_new(&f);
        ac_promise_set_ptr(to_pong, p);
        sent++;
        to_pong = await f;
    }
    return sent;
}

int main(int argc, char **argv) {
    return bench_suspend_main("suspend", argc > 1 ? argv[1] : "yield",
                              bench_arg(argc, argv, 2, 2000000),
                              (bench_suspend_fns){yield_loop, parent, parent_ext, ping, pong});
}
