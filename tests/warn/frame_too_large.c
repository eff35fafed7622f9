/* A buffer live across an await makes every suspended call hold it. */
#include <asyncc.h>

async long fill(int fd) {
    char buf[16384];
    ssize_t n = await ac_read(fd, buf, sizeof buf, NULL);
    return n > 0 ? buf[0] : -1;
}
