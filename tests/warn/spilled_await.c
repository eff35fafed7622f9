/* An await in the middle of an expression whose value must survive a
 * later await is spilled to the frame. */
#include <asyncc.h>

async int get(int v);

async int total(void) {
    int direct = await get(1);          /* not spilled: nothing comes between */
    return direct + await get(2) * await get(3);
}
