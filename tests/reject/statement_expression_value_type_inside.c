/* A statement expression that awaits and whose value's type is declared
 * inside it: the temporary that holds its value is declared before it and
 * cannot name the type (the C compiler refused the output): refused. */
#include <asyncc.h>

static async int g(int v) { return v; }

async int f(void) {
    int a = ({ struct q { int a; } v = { await g(1) }; v; }).a;
    return a;
}
