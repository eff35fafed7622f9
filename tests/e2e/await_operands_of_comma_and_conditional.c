/* Expression statements whose `,` or `?:` operands await: the value left is
 * a temporary, which the generated statement casts to void (it was
 * `ac__t1;`: gcc "statement with no effect", clang "expression result
 * unused", -Wunused-value; found by a hostile tester).  The plain C program
 * (calls for the awaits) gets no warning. */
#include <asyncc.h>
#include <stdio.h>
static int calls;
static async int one(int v) { calls++; await ac_yield(); return v; }
static int g(int v) { calls += 10; return v; }
static async void f(int r) {
    await one(1), await one(2);
    r ? await one(3) : await one(4);
    await one(5), g(1);
    g(2), await one(6);
    r ? g(3) : await one(7);
    (void)(r ? await one(8) : 0);
}
int main(void) { ac_wait(f(1)); printf("%d\n", calls); return 0; }
