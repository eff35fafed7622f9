#line 1 "tests/golden/loop_counter.c"
/* A loop that suspends: the counter and the total are hoisted, the loop
 * stays a loop, and the resume function jumps back into its body. */
#include <asyncc.h>


#line 8 "tests/golden/loop_counter.gen.c"
struct count_up__frame {
  ac_task ac__hdr;
  union {   /* the result, once complete, replaces the rest */
    long ac__result;
    struct {
      ac_task *ac__awaiting;
      __typeof__(long) total;   /* live across await 1 */
      __typeof__(int) n;   /* live across await 1 */
      __typeof__(int) i;   /* live across await 1 */
    };
  };
};
AC__FRAME_CHECK(struct count_up__frame, "count_up");
static void count_up__resume(ac_task *ac__t);
static struct count_up__frame *count_up__box(void) {
  struct count_up__frame *box = ac__frame_alloc(sizeof *box);
  box->ac__hdr.resume = count_up__resume;
  atomic_init(&box->ac__hdr.waiter, AC__WAITER_NONE);
  return box;
}
ac_future_long count_up(int n);
#line 5 "tests/golden/loop_counter.c"
AC__RUN ac_future_long count_up__run(struct count_up__frame *ac__fr, int ac__state, int n) {
#line 32 "tests/golden/loop_counter.gen.c"
  AC__COOP_LOCAL;
  if (ac__state) goto ac__resume_1;
#line 6 "tests/golden/loop_counter.c"
    long total = 0;
    {    int i = 0; for (; i < n; i++) { {
        {
#line 39 "tests/golden/loop_counter.gen.c"
          /* state 1: await ac_yield() at loop_counter.c:8 */
          __auto_type ac__f1 = (
#line 8 "tests/golden/loop_counter.c"
              ac_yield());
#line 44 "tests/golden/loop_counter.gen.c"
          if (AC__AWAIT_SUSPENDS(ac__f1)) {
            if (!ac__state) {
              ac__fr = count_up__box();
              AC__SAVE(ac__fr->n, n);
            }
            AC__SAVE(ac__fr->total, total);
            AC__SAVE(ac__fr->i, i);
            ac__fr->ac__awaiting = ac__f1.task;
            if (AC__SUSPEND(ac__fr, ac__f1, ac__state, count_up__resume))
              return (ac_future_long){ .task = &ac__fr->ac__hdr };
            if (0) {
            ac__resume_1:;
              AC__LOAD(n, ac__fr->n);
              AC__LOAD(total, ac__fr->total);
              AC__LOAD(i, ac__fr->i);
            }
          }
        }
#line 9 "tests/golden/loop_counter.c"
        total += i;
    } } }
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 11 "tests/golden/loop_counter.c"
           total);
#line 69 "tests/golden/loop_counter.gen.c"
      if (!ac__state)
        return (ac_future_long){ .value = ac__r };
      ac__fr->ac__result = ac__r;
      return (ac_future_long){ .task = ac__task_completed(&ac__fr->ac__hdr) };
    }
}
AC__RUN_END
ac_future_long count_up(int n) {
  return count_up__run(NULL, 0, n);
}
static void count_up__resume(ac_task *ac__t) {
  struct count_up__frame *ac__fr = (struct count_up__frame *)ac__t;
  (void)count_up__run(ac__fr, 1, (int){0});
}
static const ac__site count_up__sites[] AC__SITES = {
  { count_up__resume, "count_up",
    "tests/golden/loop_counter.c",
    "await ac_yield()",
    8, AC__SITE_FRAME(struct count_up__frame) },
};
#line 12 "tests/golden/loop_counter.c"
 
