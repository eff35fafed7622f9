/* An error inside an included header: gcc's "In file included from", then
 * the header's own position, and one error (it used to add a second,
 * unpositioned "error: (in a file included from ...)" line). */
#include "error_in_included_header.h"
#include <asyncc.h>

async int f(void) { return 1; }
