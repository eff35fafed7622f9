/* Regression test (found by a new user): a parameter used only before the
 * awaits is not kept in the frame, and the resume functions pass a zero
 * for it to the run function; inlined there, gcc 12 at -O1 and above
 * analysed the body's start with that zero and warned, on the user's
 * line, "argument 1 null where non-null expected" (-Wnonnull, for
 * open(path)).  The run function's
 * dispatch now tells the C compiler that a resume never takes the path
 * of state 0 (docs/abi.md).  The harness builds with -Werror. */
#include <asyncc.h>
#include <stdio.h>
#include <fcntl.h>
#include <unistd.h>

async int open_later(const char *path, int rounds) {
    int fd = open(path, O_RDONLY);
    while (rounds-- > 0) {
        await ac_yield();
        fd += 0;
        await ac_yield();
    }
    return fd;
}

int main(void) {
    int fd = ac_wait(open_later("/dev/null", 3));
    printf("%s\n", fd >= 0 && close(fd) == 0 ? "opened" : "failed");
    return ac_shutdown(1000) != 0;
}
