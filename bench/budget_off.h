/* budget_off.h - the await of a completed future without the cooperative
 * budget (the test of the task alone), for the budget's cost in
 * bench/run.sh: build/bench/await_ready-off is await_ready.gen.c compiled
 * with `-include bench/budget_off.h` (asyncc.h's guard then skips the
 * file's own #include).  Not for programs: a loop of such awaits never
 * lets the worker's other tasks run (docs/runtime.md). */
#include <asyncc.h>
#undef AC__AWAIT_SUSPENDS
#define AC__AWAIT_SUSPENDS(f) ((f).task != NULL)
