/* a linked list whose nodes are locals of an async function (an array of
 * nodes and separate node variables), linked by pointers to each other
 * and traversed, spliced and re-traversed across many suspensions. */
#include <asyncc.h>
#include <stdio.h>

struct node { int v; struct node *next; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int sum_list(const struct node *n) {
    int s = 0;
    while (n) {
        s += await val(n->v);
        n = n->next;
    }
    return s;
}

static async int run(void) {
    struct node pool[5];
    struct node extra = {100, NULL};
    struct node *head = NULL;
    for (int i = 0; i < 5; i++) {
        pool[i].v = await val(i + 1);
        pool[i].next = head;          /* push front: 5 4 3 2 1 */
        head = &pool[i];
    }
    printf("order");
    for (struct node *n = head; n; n = n->next) {
        await ac_yield();
        printf(" %d", n->v);
    }
    printf("\n");
    printf("sum %d\n", await sum_list(head));
    extra.next = pool[2].next;        /* splice extra after the node 3 */
    pool[2].next = &extra;
    await ac_yield();
    printf("sum %d\n", await sum_list(head));
    struct node **pp = &head;
    while (*pp && (*pp)->v != 4)      /* unlink 4 */
        pp = &(*pp)->next;
    await ac_yield();
    *pp = (*pp)->next;
    int n = 0;
    for (struct node *it = head; it; it = it->next)
        n += await val(1);
    printf("count %d sum %d extra %d pool %d\n", n, await sum_list(head), extra.v, pool[0].v);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
