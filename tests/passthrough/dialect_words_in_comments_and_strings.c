/* A plain C file: every "async" and "await" here is text, not dialect.
 * async int f(void) { return await g(); }
 */
#include <stdio.h>

// await this line is a comment
static const char *msg = "async int f(void) { return await g(); }";
static const char quote = '\'';

int main(void) {
    printf("%s %c\n", msg, quote);   /* await */
    return 0;
}
