/* Async functions declared in a header (shared_point.h) as plain C sees
 * them and defined here with the types spelled several ways: the generated
 * C must name one future per type, the header's (it used to declare its
 * own ac_future_struct_point: "conflicting types for 'locate'").  Plain
 * code in this file uses the futures' fields as plain C does. */
#include "shared_point.h"
#include <stdio.h>

static unsigned calls;

async struct point locate(int id) {
    await ac_yield();
    calls++;
    return (struct point){id, 2 * id};
}

async enum color paint(int id) {
    await ac_yield();
    return id % 2 ? GREEN : RED;
}

async unsigned int count_calls(void) { return calls; }

async void reset_calls(void) {
    await ac_yield();
    calls = 0;
}

static async int sum(void) {
    point p = await locate(3);
    struct point q = await locate(4);
    /* count_calls never suspends: it reads calls (2) before locate(5)
     * starts; started after it, it raced with locate(5) on a pool worker */
    ac_future(unsigned int) n = count_calls();
    ac_future(struct point) later = locate(5);
    color c = await paint(1);
    struct point r = await later;
    return p.x + q.y + r.x + (int)await n + (int)c;
}

int main(void) {
    printf("%d\n", ac_wait(sum()));
    printf("%u\n", ac_wait(count_calls()));
    ac_wait(reset_calls());
    printf("%u\n", ac_wait(count_calls()));
    point p = ac_wait(locate(7));
    printf("%d %d\n", p.x, p.y);
    ac_shutdown(0);
    return 0;
}
