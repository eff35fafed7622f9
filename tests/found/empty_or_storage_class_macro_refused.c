/* Object-like macros in local declarations of an async function that
 * expand to nothing, to a storage class, to a qualifier after a `*`, or to
 * a qualifier and a type, are refused with a syntax error; each line below
 * alone gives:
 *   EMPTY int a = n;            error: expected ';' before 'int'
 *   INTERNAL int calls = 5;     error: expected ';' before 'int'
 *   REG int r = 2;              error: expected ';' before 'int'
 *   int *RESTRICT p = &a;       error: expected ';' before 'p'
 *   int *CONSTQ q = &a;         error: expected identifier or '(' before 'CONSTQ'
 *   ATOMIC_INT ai = 1;          error: expected ';' before 'ai'
 *   static THREAD_LOCAL int t;  error: expected ';' before 'int'
 * An empty macro elsewhere in the body fails too: `int b = (n EMPTY);`
 * "expected ')' before 'EMPTY'", as does a macro that expands to _Pragma
 * (`UNROLL while (...)`: "expected ';' before 'while'").  (const/volatile
 * macros before the type, and attribute macros, are accepted.)
 * Plain C prints 18. */
#include <asyncc.h>
#include <stdio.h>

#define EMPTY               /* e.g. an attribute macro on a compiler without them */
#define INTERNAL static
#define REG register
#define RESTRICT __restrict
#define CONSTQ const
#define ATOMIC_INT _Atomic int
#define THREAD_LOCAL _Thread_local

static async int one(int v) { await ac_yield(); return v; }

static async int f(int n) {
    EMPTY int a = n;
    INTERNAL int calls = 5;
    REG int r = 2;
    int *RESTRICT p = &a;
    int *CONSTQ q = &a;
    ATOMIC_INT ai = 1;
    static THREAD_LOCAL int t;
    n += await one(1);
    return n + *p + *q + calls + r + ai + t;
}

int main(void) {
    printf("%d\n", ac_wait(f(3)));
    return 0;
}
