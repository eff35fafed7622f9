/* Tasks suspended on the runtime's own tasks, for gdb's info async-tasks
 * (tests/run.sh, debug/gdb-combined): ac_when_all, ac_when_any, ac_timeout
 * and a mutex.  Each is named by the call the user wrote, never by the
 * runtime's internals (all_link_resume, a null resume function).  Also
 * functions whose frame is allocated on entry (an address is taken), for
 * async bt, async finish, async next and async locals in their ramps
 * (lines by "@name"). */
#include <asyncc.h>
#include <stdio.h>

static ac_cancel *stop;
static ac_mutex lock = AC_MUTEX_INIT;

static async int sleeper(int ms) {
    int r = await ac_delay_cancel(ms, stop);    /* @sleeper-await */
    return r;
}

static async int all(void) {
    ac_future(int) fs[2] = {sleeper(60000), sleeper(60000)};
    await ac_when_all(fs, 2);                   /* @all-await */
    return 1;
}

static async int any(void) {
    ac_future(int) fs[2] = {sleeper(60000), sleeper(60000)};
    size_t i = await ac_when_any(fs, 2);        /* @any-await */
    return (int)i;
}

static async int bounded(void) {
    int r = await ac_timeout(60000, sleeper(60000), NULL);   /* @timeout-await */
    return r;
}

static async int locker(void) {
    int r = await ac_lock(&lock, stop);         /* @lock-await */
    if (r == 0)
        ac_unlock(&lock);
    return r;
}

static async int kept(int n) {
    int *p = &n;                                /* the frame is allocated on entry */
    *p += 1;                                    /* n is 60001 in the frame only */
    int twice = 2 * *p;                         /* @kept-first */
    int got = await sleeper(n);
    return got + twice + *p;                    /* @kept-after */
}

static async void quick(void) {
}

/* Its frame is allocated on entry too, and it never suspends: its ramp
 * frees the frame and returns the value. */
static async int instant(int n) {
    int *p = &n;
    await quick();
    return *p + 1;                              /* @instant-return */
}

/* No frame before it suspends, and with n > 0 it never does: its ramp
 * returns the value to its caller. */
static async int doubled(int n) {
    if (n <= 0)                                 /* @doubled-first */
        await ac_delay(1);
    return 2 * n;                               /* @doubled-return */
}

static async int outer(void) {
    int v = await kept(60000);                  /* @outer-await */
    v += await instant(1);                      /* @outer-instant */
    v += await doubled(5);                      /* @outer-doubled */
    return v;
}

/* gdb stops here: every task above is suspended. */
__attribute__((noinline)) void all_suspended(void) {
    __asm__ volatile("");
}

int main(void) {
    stop = ac_cancel_new();
    if (!ac_trylock(&lock))
        return 1;
    ac_future(int) a = all();
    ac_future(int) y = any();
    ac_future(int) b = bounded();
    ac_future(int) l = locker();
    ac_future(int) o = outer();
    all_suspended();
    ac_cancel_trigger(stop);
    ac_unlock(&lock);
    int va = ac_wait(a), vy = ac_wait(y), vb = ac_wait(b), vl = ac_wait(l), vo = ac_wait(o);
    printf("%d %d %d %d %d\n", va, vy, vb, vl, vo);
    ac_cancel_free(stop);
    return ac_shutdown(1000) != 0;
}
