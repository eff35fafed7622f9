/* A compound literal whose address is stored by an initializer list (of a
 * local live across an await, or of a compound literal copied by value)
 * is kept in the frame like one stored in a pointer: it was left on the
 * ramp's stack and read after the await (found by a new user's test).
 * The stack is scribbled over between the await and the reads. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

struct node { int v; struct node *next; };

static async int one(int v) { await ac_yield(); return v; }

__attribute__((noinline)) static void scribble(void) {
    volatile char buf[256];
    memset((char *)buf, 0x55, sizeof buf);
}

static async int in_list(void) {
    struct node n = { 1, &(struct node){ 2, NULL } };
    int *a[2] = { (int[]){ 7 }, 0 };
    struct node m = { .next = &(struct node){ .v = 3 } };
    int k = await one(4);
    scribble();
    return n.v * 10 + n.next->v + *a[0] + m.next->v + k;
}

static async int in_copied_literal(void) {
    struct node n = (struct node){ 5, &(struct node){ 6, NULL } };
    await ac_yield();
    scribble();
    return n.v * 10 + n.next->v;
}

int main(void) {
    printf("%d\n", ac_wait(in_list()));
    printf("%d\n", ac_wait(in_copied_literal()));
    return 0;
}
