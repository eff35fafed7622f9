/* Object-like macros in local declarations of an async function that
 * expand to nothing, to a storage class, to a qualifier after a `*`, or to
 * a qualifier and a type, were refused with a syntax error ("expected ';'
 * before 'int'"), as was an empty macro in an expression.  The grammar now
 * skips a macro that expands to nothing anywhere, and reads one of storage
 * classes and qualifiers only where it reads an attribute; libclang's
 * facts say what each declares.  g: the same in a frame allocated on
 * entry (&k), and an empty macro in statements that await.
 * Plain C prints 18, then 33. */
#include <asyncc.h>
#include <stdio.h>

#define EMPTY               /* e.g. an attribute macro on a compiler without them */
#define INTERNAL static
#define REG register
#define RESTRICT __restrict
#define CONSTQ const
#define ATOMIC_INT _Atomic int
#define THREAD_LOCAL _Thread_local
#define VOLQ volatile
#define ATOMIC _Atomic

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

static async int g(int k) {
    EMPTY int a = k EMPTY;
    REG int r = 2;
    int *RESTRICT p = &k;
    VOLQ int v = 4;
    ATOMIC int at = 5;
    INTERNAL int s = 6;
    int b = (await one(a) EMPTY) + r;
    EMPTY b += await one(v) EMPTY;
    return b + *p + at + s + a + r + v + await one(EMPTY 1);
}

int main(void) {
    printf("%d\n", ac_wait(f(3)));
    printf("%d\n", ac_wait(g(3)));
    return 0;
}
