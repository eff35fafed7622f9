/* In a function whose frame is allocated on entry (&head is taken), a
 * local initialised by a macro that expands to a brace initializer
 * (Linux's LIST_HEAD_INIT) became `ac__fr->head = ( LIST_HEAD_INIT(...))`:
 * an assignment of a brace list, which does not compile.  libclang says
 * the initializer is a brace list: it is assigned as a compound literal
 * of the field's type, as a written one is (an array's is copied).
 * Plain C prints 1 5 7. */
#include <asyncc.h>
#include <stdio.h>

struct list { struct list *next, *prev; };
#define LIST_HEAD_INIT(name) { &(name), &(name) }
#define PAIR(a, b) { a, b }
#define ONE(v) { v }

static async int one(int v) { await ac_yield(); return v; }

static async int f(void) {
    struct list head = LIST_HEAD_INIT(head);
    await one(1);
    return head.next == &head;
}

static async int g(void) {
    int pair[2] = PAIR(1, 2);
    int k = ONE(2);
    int *p = &k;
    await one(1);
    return pair[0] + pair[1] + *p - k + (k == 2 ? 2 : 0);
}

int main(void) {
    int a = ac_wait(f()), b = ac_wait(g());
    printf("%d %d %d\n", a, b, b + 2);
    return 0;
}
