/* In a function whose frame is allocated on entry (&head is taken), a
 * local initialised by a macro that expands to a brace initializer
 * (Linux's LIST_HEAD_INIT) becomes `ac__fr->head = ( LIST_HEAD_INIT(...))`:
 * an assignment of a brace list, which does not compile ("expected ';'
 * before '}' token", "left-hand operand of comma expression has no
 * effect").  Plain C prints 1. */
#include <asyncc.h>
#include <stdio.h>

struct list { struct list *next, *prev; };
#define LIST_HEAD_INIT(name) { &(name), &(name) }

static async int one(int v) { await ac_yield(); return v; }

static async int f(void) {
    struct list head = LIST_HEAD_INIT(head);
    await one(1);
    return head.next == &head;
}

int main(void) {
    printf("%d\n", ac_wait(f()));
    return 0;
}
