/* lexical corner cases in an async body: digraphs for braces and
 * brackets inside the body, string literals holding comment markers, quotes and the word
 * await, character literals '"' and '\'', a backslash-newline splice
 * between tokens and inside a string literal, adjacent string literals,
 * and a comment between await and its operand. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int a<:3:> = {1, 2, 3};
    if (a<:0:> == 1) <%
        a<:2:> += await val(10);
    %>
    const char *s = "/* not a comment */ // nor \"this\" await val(9)";
    char q = '"', r = '\'';
    int spliced = await \
        val(4);
    const char *t = "con\
tinued " "and " "joined";
    int c = await /* in between */ val(5);
    printf("%d %d %d\n", a<:0:>, a<:1:>, a<:2:>);
    printf("%s %c%c\n", s, q, r);
    printf("%d %s %d\n", spliced, t, c);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
