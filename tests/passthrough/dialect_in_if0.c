#include <stdio.h>

#if 0
async int never(void) { return await nothing(); }
#endif

#ifdef SOMETHING_NOBODY_DEFINES
int x = await y;
#else
int x = 1;
#endif

int main(void) { return x - 1; }
