/* a struct parameter passed by value is the callee's own copy: modified
 * after awaits inside the callee, it keeps its new value across later
 * awaits, and the caller's object is unchanged; the same for a struct
 * holding an array. */
#include <asyncc.h>
#include <stdio.h>

struct vec { int x, y, z; };
struct buf { char text[16]; int len; };

static async struct vec scale(struct vec v, int k) {
    await ac_yield();
    v.x *= k;
    await ac_yield();
    v.y *= k;
    v.z = v.x + v.y;
    await ac_yield();
    return v;
}

static async int shout(struct buf b) {
    for (int i = 0; i < b.len; i++) {
        await ac_yield();
        if (b.text[i] >= 'a' && b.text[i] <= 'z')
            b.text[i] = (char)(b.text[i] - 'a' + 'A');
    }
    printf("callee %s\n", b.text);
    return b.len;
}

static async int run(void) {
    struct vec v = {1, 2, 0};
    struct vec w = await scale(v, 3);
    printf("caller %d %d %d, result %d %d %d\n", v.x, v.y, v.z, w.x, w.y, w.z);
    struct buf b = {"hello", 5};
    int n = await shout(b);
    printf("caller %s %d\n", b.text, n);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
