/* Regression (a hostile review): an async main that falls off its end
 * exited with a garbage status (64) and the generated C warned
 * (-Wreturn-type); like main, it now returns 0.  Also: int spelled
 * `signed int`. */
#include <asyncc.h>
#include <stdio.h>

async signed int main(void) {
    await ac_delay(1);
    printf("end\n");
}
