#include <asyncc.h>

ac_future(int) fetch(int key);
