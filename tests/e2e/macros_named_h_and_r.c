/* Regression test (found by a hostile tester): AC__RESULT, which reads a
 * task's result in generated code, named its struct members h and r, so
 * a user's macros of those names, defined after the include, broke every
 * await of a value.  The members are ac__h and ac__r now. */
#include <asyncc.h>
#include <stdio.h>
#define h 1
#define r 0
static async int id(int v) { await ac_yield(); return v; }
async int main(void) { printf("%d\n", await id(h + r + 2)); return 0; }
