#include <asyncc.h>

ac_future(int) fetch(void);

int plain(void) {
    return await fetch();
}
