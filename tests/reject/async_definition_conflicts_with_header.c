/* The header declares fetch as ac_future(int), the definition is async
 * long: one error at the definition naming both types and the header's
 * line, and a note there (it used to be "the result type or parameters of
 * this async function are invalid", at the file's first async function). */
#include "async_definition_conflicts_with_header.h"

static async int first(void) {
    await ac_yield();
    return 1;
}

async long fetch(int key) {
    await ac_yield();
    return key + await first();
}
