#include <asyncc.h>

/* The exit status is an int. */
async long main(void) { return 0; }
