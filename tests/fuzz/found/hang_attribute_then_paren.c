async __attribute__ ) f(void) {}
