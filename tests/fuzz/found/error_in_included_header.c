/* An error inside an included file is followed by an error line with no
 * position: "error_in_included_header.c: error: (in a file included from
 * error_in_included_header.c)".
 *
 * What is wrong: errors must read FILE:LINE:COL: error: (SPEC, STYLE);
 * this line has neither line nor column, says "error" a second time for
 * the one error (gcc says "In file included from FILE:LINE:" before the
 * header's message), and does not say where the #include is.  Exit status
 * 1 and the old output file kept, as they should be.
 *     $ asyncc error_in_included_header.c -o /tmp/x.c
 *     ./error_in_included_header.h:2:9: error: expected expression
 *     error_in_included_header.c: error: (in a file included from error_in_included_header.c)
 * Found by: tests/fuzz/mutate.sh (mutants 46 and 68 of the first campaign:
 * a deleted comment opener broke the text before #include <asyncc.h>, and
 * every error inside stdatomic.h came with such a line); minimised by hand.
 * Status: open (336cd3f, still at b669a26). */
#include "error_in_included_header.h"
#include <asyncc.h>

async int f(void) { return 1; }
