/* A compound literal whose address is kept inside another kept compound
 * literal: the inner one is not lowered into the frame (it stayed on the
 * stack and dangled after the await): refused. */
#include <asyncc.h>

struct node { int v; struct node *next; };

async int f(void) {
    struct node *head = &(struct node){ 1, &(struct node){ 2, NULL } };
    await ac_yield();
    return head->v * 10 + head->next->v;
}
