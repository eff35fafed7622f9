#include <asyncc.h>

/* main takes (void), (argc, argv) or (argc, argv, envp). */
async int main(int argc) { return argc; }
