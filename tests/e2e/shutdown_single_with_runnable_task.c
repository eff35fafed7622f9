/* Regression test (found by a hostile tester): single-threaded,
 * ac_shutdown(grace) never returned while a task stayed runnable (one
 * yielding in a loop): the driver looked at the deadline only when it had
 * nothing to run.  It returns after the grace now, the task left queued;
 * a later start runs it to its end. */
#include <asyncc.h>
#include <stdbool.h>
#include <stdio.h>

static _Atomic int stop;

static async int spin(void) {
    long n = 0;
    while (!stop) {
        await ac_yield();
        n++;
    }
    return n > 0;
}

int main(void) {
    ac_start(&(ac_config){.single_threaded = true});
    ac_future(int) f = spin();
    long left = ac_shutdown(10);
    printf("shutdown returned with the task left: %s\n", left != 0 ? "yes" : "no");
    stop = 1;
    ac_start(&(ac_config){.single_threaded = true});
    printf("the task ran on after a new start: %s\n", ac_wait(f) ? "yes" : "no");
    return ac_shutdown(100) != 0;
}
