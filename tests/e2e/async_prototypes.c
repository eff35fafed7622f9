/* async prototypes before use: a function called (and awaited) before
 * its definition, prototypes with different or missing parameter names,
 * a prototype repeated, extern and static prototypes, and plain C code
 * that only sees the prototype's future type. */
#include <asyncc.h>
#include <stdio.h>

async int later(int);
async int later(int value);             /* repeated */
static async long scaled(int x, int k);
extern async void note(const char *what);

static int notes;

static async int run(void) {
    int a = await later(4);
    long b = await scaled(a, 3);
    await note("run");
    return (int)b + notes;
}

static ac_future(int) plain_start(void) {
    return later(20);                   /* plain C: returns the future */
}

async int later(int v) {
    await ac_yield();
    return v * 10;
}

static async long scaled(int value, int factor) {
    await ac_yield();
    return (long)value * factor;
}

async void note(const char *w) {
    await ac_yield();
    notes++;
    printf("note %s\n", w);
}

int main(void) {
    printf("run %d\n", ac_wait(run()));
    printf("plain %d\n", ac_wait(plain_start()));
    return ac_shutdown(1000) != 0;
}
