#include <asyncc.h>

typedef struct { _Alignas(64) char bytes[64]; } line64;

ac_future(int) fetch(void);

async int f(void) {
    line64 line;
    line.bytes[0] = 1;
    await fetch();
    return line.bytes[0];
}
