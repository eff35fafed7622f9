#include <asyncc.h>

/* The entry point cannot be static. */
static async int main(void) { return 0; }
