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
_Static_assert(_Alignof(struct count_up__frame) <= 16,
               "asyncc: a local aligned to more than 16 bytes "
               "cannot live across an await in 'count_up'");
static void count_up__resume(ac_task *ac__t);
static struct count_up__frame *count_up__box(void) {
  struct count_up__frame *box = ac__frame_alloc(sizeof *box);
  box->ac__hdr.resume = count_up__resume;
  atomic_init(&box->ac__hdr.waiter, AC__WAITER_NONE);
  return box;
}
#line 5 "tests/golden/loop_counter.c"
ac_future_long count_up(int n) {
#line 33 "tests/golden/loop_counter.gen.c"
  AC__COOP_LOCAL;
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
            struct count_up__frame *ac__fr = count_up__box();
            AC__SAVE(ac__fr->n, n);
            AC__SAVE(ac__fr->total, total);
            AC__SAVE(ac__fr->i, i);
            ac__fr->ac__awaiting = ac__f1.task;
            if (!ac__task_await(ac__f1.task, &ac__fr->ac__hdr))
              count_up__resume(&ac__fr->ac__hdr);
            return (ac_future_long){ .task = &ac__fr->ac__hdr };
          }
        }
#line 9 "tests/golden/loop_counter.c"
        total += i;
    } } }
    { return (ac_future_long){ .value = (
#line 11 "tests/golden/loop_counter.c"
           total) }; }
#line 62 "tests/golden/loop_counter.gen.c"
}
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdangling-pointer"
#endif
# 5 "tests/golden/loop_counter.c" 3
static void count_up__resume(ac_task *ac__t) {
#line 70 "tests/golden/loop_counter.gen.c"
  struct count_up__frame *ac__fr = (struct count_up__frame *)ac__t;
  __typeof__(int) n;
  AC__COOP_LOCAL;
  goto ac__resume_1;
#line 6 "tests/golden/loop_counter.c"
    long total = 0;
    {    int i = 0; for (; i < n; i++) { {
        {
#line 79 "tests/golden/loop_counter.gen.c"
          /* state 1: await ac_yield() at loop_counter.c:8 */
          __auto_type ac__f1 = (
#line 8 "tests/golden/loop_counter.c"
              ac_yield());
#line 84 "tests/golden/loop_counter.gen.c"
          if (AC__AWAIT_SUSPENDS(ac__f1)) {
            AC__SAVE(ac__fr->total, total);
            AC__SAVE(ac__fr->i, i);
            ac__fr->ac__awaiting = ac__f1.task;
            if (ac__task_await(ac__f1.task, &ac__fr->ac__hdr))
              return;
          ac__resume_1:;
            AC__SAVE(n, ac__fr->n);
            AC__SAVE(total, ac__fr->total);
            AC__SAVE(i, ac__fr->i);
          }
        }
#line 9 "tests/golden/loop_counter.c"
        total += i;
    } } }
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 11 "tests/golden/loop_counter.c"
           total);
#line 103 "tests/golden/loop_counter.gen.c"
      ac__fr->ac__result = ac__r;
      ac__task_complete(&ac__fr->ac__hdr);
      return;
    }
  ac__task_complete(&ac__fr->ac__hdr);
}
# 110 "tests/golden/loop_counter.gen.c"
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic pop
#endif
static const ac__site count_up__sites[] AC__SITES = {
  { count_up__resume, "count_up",
    "tests/golden/loop_counter.c",
    "await ac_yield()",
    8, AC__SITE_FRAME(struct count_up__frame) },
};
#line 12 "tests/golden/loop_counter.c"
 
