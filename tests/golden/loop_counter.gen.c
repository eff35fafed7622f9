#line 1 "tests/golden/loop_counter.c"
/* A loop that suspends: the counter and the total are hoisted, the loop
 * stays a loop, and the resume function jumps back into its body. */
#include <asyncc.h>


#line 8 "tests/golden/loop_counter.gen.c"
struct count_up__frame {
  ac_task ac__hdr;
  union {   /* the result, or before it: */
    long ac__result;
    struct {
      ac_task *ac__awaiting;
      long total;   /* await 1 */
      int n;   /* await 1 */
      int i;   /* await 1 */
    };
  };
};
AC__FRAME_CHECK(struct count_up__frame, "count_up");
static void count_up__resume(ac_task *ac__t);
ac_future_long count_up(int n);
#line 5 "tests/golden/loop_counter.c"
AC__RUN ac_future_long count_up__run(struct count_up__frame *ac__fr, int ac__state, int n) {
#line 26 "tests/golden/loop_counter.gen.c"
  typedef ac_future_long ac__fut;
  if (ac__state) goto ac__resume_1;
#line 6 "tests/golden/loop_counter.c"
    long total = 0;
    {    int i = 0; for (; i < n; i++) { {
        { /* state 1: await ac_yield() */
#line 8
          __auto_type ac__f1 = (
#line 8
              ac_yield());
#line 8
          AC__AWAIT(1, 0, AC__BOX1(0, count_up__resume), (n), (total)(i), )
        }
#line 9
        total += i;
    } } }
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 11
           total);
#line 46 "tests/golden/loop_counter.gen.c"
      AC__COMPLETE(ac__r);
    }
}
AC__RUN_END
ac_future_long count_up(int n) {
  return count_up__run(0, 0, n);
}
AC__RESUME1(count_up__resume, struct count_up__frame, count_up__run(ac__fr, 1, (int){0}))
#line 12 "tests/golden/loop_counter.c"
static const ac__site count_up__sites[] AC__SITES = {
  AC__SITE(count_up__resume, "count_up", "await ac_yield()", 8, struct count_up__frame),
};
#line 12
 
