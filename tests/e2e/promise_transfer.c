/* Symmetric transfer for promises (issue 15): a promise completed on a
 * worker resumes the task awaiting it inside ac_promise_set_NAME, so the
 * awaiter's effects are visible when the call returns and no hand-off to
 * a run queue is counted; a long ping-pong of promises between two tasks
 * (each message resumes the other side inside the set) keeps the stack
 * bounded: past 8 nested transfers the awaiter is queued. */
#include <asyncc.h>
#include <stdio.h>

static int seen;

static unsigned long long scheduled(void) {
    ac_stats s;
    ac_stats_get(&s);
    return (unsigned long long)s.scheduled;
}

static async int awaiter(ac_future(int) f) {
    int v = await f;
    seen = v;
    return v + 1;
}

static async int producer(void) {
    ac_future(int) f;
    ac_promise *p = ac_promise_new(&f);
    ac_future(int) a = awaiter(f);        /* suspends on f */
    await ac_yield();                     /* on a worker from here on */
    unsigned long long before = scheduled();
    ac_promise_set_int(p, 41);
    unsigned long long after = scheduled();
    printf("the awaiter ran inside the set: %s\n", seen == 41 ? "yes" : "no");
    printf("hand-offs for it: %llu\n", after - before);
    return await a;
}

/* Each message is the promise the receiver completes with its reply. */
static ac_promise *to_pong;

static async long pong(long n) {
    ac_future(void *) f;
    to_pong = ac_promise_new(&f);
    for (long i = 0;; i++) {
        ac_promise *back = await f;
        if (i == n - 1) {
            ac_promise_set_ptr(back, NULL);
            return i + 1;
        }
        to_pong = ac_promise_new(&f);
        ac_promise_set_ptr(back, to_pong);
    }
}

static async long ping(void) {
    await ac_yield();
    long n = 0;
    ac_promise *next = to_pong;
    for (;;) {
        ac_future(void *) f;
        ac_promise *mine = ac_promise_new(&f);
        ac_promise_set_ptr(next, mine);
        next = await f;
        n++;
        if (!next)
            return n;
    }
}

int main(void) {
    printf("result: %d\n", ac_wait(producer()));
    ac_future(long) b = pong(200000);
    long pings = ac_wait(ping());
    printf("messages: %ld and %ld\n", pings, ac_wait(b));
    return ac_shutdown(1000) != 0;
}
