/* A plain declaration after an async definition, with another result
 * type: the error names both types, the note points at the async
 * function's name (not into the prototype asyncc adds for it). */
#include <asyncc.h>

async long fetch(int key) {
    await ac_yield();
    return key;
}

ac_future(int) fetch(int key);
