/* A function-pointer result needs a typedef: the message says how. */
#include <asyncc.h>

static async int (*pick(void))(int);
