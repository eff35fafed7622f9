/* async int main runs the program as a task: the ramp runs on the main
 * thread, later states on the pool, and the process exits with main's
 * result once it completes (run.sh also runs it with two arguments and
 * checks the exit status 2).  It awaits a timer, a suspending child and a
 * detached task's promise. */
#include <asyncc.h>
#include <stdio.h>

static async int child(int x) {
    await ac_delay(5);
    return x * 2;
}

static async void ping(ac_promise *p) {
    await ac_yield();
    ac_promise_set_int(p, 7);
}

async int main(int argc, char **argv) {
    int v = await child(21);
    ac_future_int f;
    ac_promise *p = ac_promise_new(&f);
    ac_detach(ping(p));
    int w = await f;
    printf("%s: %d %d\n", argv[0][0] ? "main" : "?", v, w);
    return argc - 1;
}
