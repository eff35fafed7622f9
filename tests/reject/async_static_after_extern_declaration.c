/* A static async definition after an extern declaration of the same name:
 * the error is libclang's, at the async function's name, with a note at
 * the declaration (it used to be "the result type or parameters of this
 * async function are invalid", at the file's first async function). */
#include <asyncc.h>

static async int first(void) {
    await ac_yield();
    return 1;
}

ac_future(int) fetch(int key);

static async int fetch(int key) {
    return key + await first();
}
