/* A future awaited twice: the runtime's report names the second await by
 * its site (the user's file:line, the await's text and the function), not
 * by an address in the generated code or asyncc.h. */
#include <asyncc.h>

static async int get(int x) {
    await ac_delay(1);
    return x;
}

async int main(void) {
    ac_future(int) g = get(2);
    int a = await g;
    int b = await g;   /* @second-await */
    return a + b;
}
