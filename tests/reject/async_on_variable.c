#include <asyncc.h>

async int counter;
