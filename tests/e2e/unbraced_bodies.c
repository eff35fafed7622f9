/* statements without braces whose only statement awaits: a do-while
 * body, if/else arms inside a for, a labelled statement as an if body
 * reached again by goto, a switch with a single case as a loop body, and
 * nested whiles. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int n = 3, s = 0;
    do s += await val(n); while (--n);
    printf("do %d\n", s);
    s = 0;
    for (int i = 0; i < 4; i++)
        if (i % 2) s += await val(i); else s -= await val(1);
    printf("if/else %d\n", s);
    int k = 0;
    s = 0;
again:
    if (k < 3)
    step:
        s += await val(++k);
    if (k < 3)
        goto again;
    if (k == 3) {
        k++;
        goto step;                  /* into the if's body */
    }
    printf("labelled %d k %d\n", s, k);
    s = 0;
    for (int i = 0; i < 4; i++)
        switch (await val(i)) case 1: case 3: s += 10;
    printf("switch %d\n", s);
    s = 0;
    int t = 0;
    while (t++ < 2)
        while (s < 3 * t)
            s += await val(1);
    printf("while while %d %d\n", s, t);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
