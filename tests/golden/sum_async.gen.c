#line 1 "tests/golden/sum_async.c"
/* SumAsync: the values of the first two awaits are spilled to the frame. */
#include <asyncc.h>

int sum(int a, int b, int c);


#line 9 "tests/golden/sum_async.gen.c"
struct sum_async__frame {
  ac_task ac__hdr;
  union {   /* the result, or before it: */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      union {   /* the structs share bytes: never needed at once */
        struct {
          ac_future_int b;   /* await 1 */
          ac_future_int c;   /* awaits 1, 2 */
        };
        struct {
          __typeof__(int) ac__t0;   /* spilled temporary */
          __typeof__(int) ac__t1;   /* spilled temporary */
        };
      };
    };
  };
};
AC__FRAME_CHECK(struct sum_async__frame, "sum_async");
AC__RESUMES(sum_async, 3)
ac_future_int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c);
#line 6 "tests/golden/sum_async.c"
AC__RUN ac_future_int sum_async__run(
#line 6
    struct sum_async__frame *ac__fr, int ac__state,
#line 6
    ac_future(int) a, ac_future(int) b, ac_future(int) c) {
#line 38 "tests/golden/sum_async.gen.c"
  typedef ac_future_int ac__fut;
  switch (ac__state) {
  case 1: goto ac__resume_1;
  case 2: goto ac__resume_2;
  case 3: goto ac__resume_3;
  default: if (ac__state) __builtin_unreachable();
  }
#line 7 "tests/golden/sum_async.c"
    { /* state 1: await a */
#line 7
      __auto_type ac__f1 = (
#line 7
                     a);
#line 7
      AC__AWAIT_LOCAL(1, ac__t0, sum_async__resume_1,
          AC__BOX(0), (b)(c), , ac__task_free(ac__fr->ac__awaiting);)
      /* state 2: await b */
#line 7
      __auto_type ac__f2 = (  b);
#line 7
      AC__AWAIT_LOCAL(2, ac__t1, sum_async__resume_2,
          AC__BOX(0), (c), (AC__A, ac__t0), ac__task_free(ac__fr->ac__awaiting);)
      /* state 3: await c */
#line 7
      __auto_type ac__f3 = (           c);
#line 7
      AC__AWAIT_LOCAL(3, ac__t2, sum_async__resume_3,
          AC__BOX(0), , (AC__A, ac__t0)(AC__A, ac__t1), ac__task_free(ac__fr->ac__awaiting);)
#line 7
    __typeof__(ac__fr->ac__result) ac__r = (
#line 7
           sum(ac__t0, ac__t1, ac__t2));
#line 71 "tests/golden/sum_async.gen.c"
      AC__COMPLETE(ac__r);
    }
}
AC__RUN_END
ac_future_int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c) {
  return sum_async__run(0, 0, a, b, c);
}
AC__RESUME_AT(sum_async__resume_at, struct sum_async__frame,
    sum_async__run(ac__fr, ac__state, (ac_future_int){0}, (ac_future_int){0}, (ac_future_int){0}))
#line 8 "tests/golden/sum_async.c"
static const ac__site sum_async__sites[] AC__SITES = {
  AC__SITE(sum_async__resume_1, "sum_async", "await a", 7, struct sum_async__frame),
  AC__SITE(sum_async__resume_2, "sum_async", "await b", 7, struct sum_async__frame),
  AC__SITE(sum_async__resume_3, "sum_async", "await c", 7, struct sum_async__frame),
};
#line 8
 
