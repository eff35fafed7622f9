#include <asyncc.h>

ac_future(int) fetch(void);
int global = await fetch();
