/* promises as the bridge to callback-style code: a plain callback API
 * (invoked from a pool worker by ac_run, or synchronously before the
 * await) completes promises of int, double, void * and void; an async
 * function awaits each, and a void promise used as an event gates
 * several waiters combined with ac_when_all. */
#include <asyncc.h>
#include <stdio.h>

typedef void (*done_cb)(void *ctx, int result);

struct call { int input; done_cb cb; void *ctx; };

static void *run_callback(void *arg) {   /* plain code on a worker */
    struct call *c = arg;
    c->cb(c->ctx, c->input * 3);
    return NULL;
}

static void complete_int(void *ctx, int result) {
    ac_promise_set_int(ctx, result);
}

static async int via_callback(int input) {
    ac_future(int) f;
    ac_promise *p = ac_promise_new(&f);
    struct call c = {input, complete_int, p};
    ac_detach(ac_run(run_callback, &c));
    int r = await f;
    return r + (c.input == input);        /* c is still this frame's object */
}

static async int gated(ac_future(void) gate, int id) {
    await gate;
    return id * id;
}

static async int run(void) {
    printf("callback %d\n", await via_callback(14));
    ac_future(double) fd;
    ac_promise *pd = ac_promise_new(&fd);
    ac_promise_set_double(pd, 2.25);      /* completed before the await */
    printf("double %.2f\n", await fd);
    static char text[] = "pointer";
    ac_future(void *) fp;
    ac_promise *pp = ac_promise_new(&fp);
    ac_promise_set_ptr(pp, text);
    printf("ptr %s\n", (char *)await fp);
    ac_future(void) gates[3];
    ac_promise *gp[3];
    ac_future(int) waiters[3];
    for (int i = 0; i < 3; i++) {
        gp[i] = ac_promise_new(&gates[i]);
        waiters[i] = gated(gates[i], i + 2);
    }
    await ac_yield();
    for (int i = 2; i >= 0; i--)
        ac_promise_set_void(gp[i]);
    await ac_when_all(waiters, 3);
    int sum = 0;
    for (int i = 0; i < 3; i++)
        sum += await waiters[i];
    printf("gated %d\n", sum);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
