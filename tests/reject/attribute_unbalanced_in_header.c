/* A header whose __attribute__ groups never balance is not a header (the
 * finder used to loop over the file forever; found by libFuzzer). */
async __attribute__ ) f(void) {}
