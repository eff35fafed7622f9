/* ac_future(T) for any T in a dialect file: pointers, structs, in plain
 * functions and in async ones; the tool declares what <asyncc.h> does
 * not. */
#include <asyncc.h>
#include <stdio.h>

struct point { int x, y; };

static async char *name(int i) {
    static char *names[] = {"ada", "bob"};
    await ac_yield();
    return names[i];
}

static async struct point origin(void) {
    struct point p = {0, 0};
    return p;
}

/* plain C holding futures of non-builtin types */
static ac_future(char *) start_name(int i) {
    return name(i);
}

static struct point get_point(ac_future(struct point) f) {
    return ac_wait(f);
}

static async int run(void) {
    ac_future(char *) pending = name(1);
    ac_future(struct point) p = origin();
    struct point q = await p;
    char *n = await pending;
    printf("%s %d %d\n", n, q.x, q.y);
    return 0;
}

int main(void) {
    printf("%s\n", ac_wait(start_name(0)));
    printf("%d\n", get_point(origin()).x);
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
