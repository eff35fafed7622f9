/* Regression: braces and the word `async` inside #if groups are read
 * before the tool knows which group the preprocessor takes.  A header
 * written twice under #ifdef/#else (either branch taken), a TODO that says
 * "async" under #if 0, and a stray brace of disabled code must all work. */
#include <asyncc.h>
#include <stdio.h>

#ifdef ASYNCC_TEST_WIDE             /* not defined: the #else header is used */
async long twice(long x)
#else
async int twice(int x)
#endif
{
    await ac_yield();
    return 2 * x;
}

#ifndef ASYNCC_TEST_NARROW          /* not defined: the first header is used */
async long thrice(long x)
#elif 1
async int thrice(int x)
#endif
{
    await ac_yield();
    return 3 * x;
}

#if 0
TODO: make this async, and { this brace
#endif
#ifdef ASYNCC_TEST_NEVER            /* read, then found skipped: no error */
TODO: make this async
#endif

async int three(void) { return 3; }

#if 0
void old(void) {
#else
static int add(int a, int b) {
#endif
    return a + b;
}

int main(void) {
    printf("%d %ld %d %d\n", ac_wait(twice(21)), ac_wait(thrice(5)), ac_wait(three()),
           add(1, 2));
    ac_shutdown(0);
    return 0;
}
