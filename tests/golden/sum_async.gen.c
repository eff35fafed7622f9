#line 1 "tests/golden/sum_async.c"
/* SumAsync: the values of the first two awaits are spilled to the frame. */
#include <asyncc.h>

int sum(int a, int b, int c);


#line 9 "tests/golden/sum_async.gen.c"
struct sum_async__frame {
  ac_task ac__hdr;
  union {   /* the result, once complete, replaces the rest */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      union {   /* the structs share bytes: never needed at once */
        struct {
          __typeof__(ac_future_int) b;   /* live across await 1 */
          __typeof__(ac_future_int) c;   /* live across awaits 1, 2 */
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
static void sum_async__resume_1(ac_task *ac__t);
static void sum_async__resume_2(ac_task *ac__t);
static void sum_async__resume_3(ac_task *ac__t);
static struct sum_async__frame *sum_async__box(void) {
  struct sum_async__frame *box = ac__frame_alloc(sizeof *box);
  atomic_init(&box->ac__hdr.waiter, AC__WAITER_NONE);
  return box;
}
ac_future_int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c);
#line 6 "tests/golden/sum_async.c"
AC__RUN ac_future_int sum_async__run(
#line 6 "tests/golden/sum_async.c"
    struct sum_async__frame *ac__fr, int ac__state,
#line 6 "tests/golden/sum_async.c"
    ac_future(int) a, ac_future(int) b, ac_future(int) c) {
#line 45 "tests/golden/sum_async.gen.c"
  AC__COOP_LOCAL;
  switch (ac__state) {
  case 1: goto ac__resume_1;
  case 2: goto ac__resume_2;
  case 3: goto ac__resume_3;
  }
#line 7 "tests/golden/sum_async.c"
    {
#line 54 "tests/golden/sum_async.gen.c"
      /* state 1: await a at sum_async.c:7 */
      __auto_type ac__f1 = (
#line 7 "tests/golden/sum_async.c"
                     a);
#line 59 "tests/golden/sum_async.gen.c"
      __typeof__(ac__f1.value) ac__t0;
      if (AC__AWAIT_SUSPENDS(ac__f1)) {
        if (!ac__state) {
          ac__fr = sum_async__box();
          AC__SAVE(ac__fr->b, b);
          AC__SAVE(ac__fr->c, c);
        }
        ac__fr->ac__hdr.resume = sum_async__resume_1;
        ac__fr->ac__awaiting = ac__f1.task;
        if (AC__SUSPEND(ac__fr, ac__f1, ac__state, sum_async__resume_1))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_1:;
          AC__LOAD(b, ac__fr->b);
          AC__LOAD(c, ac__fr->c);
        }
        ac__t0 = AC__RESULT(__typeof__(ac__t0), ac__fr->ac__awaiting);
        ac__task_free(ac__fr->ac__awaiting);
      } else {
        ac__t0 = ac__f1.value;
      }
      /* state 2: await b at sum_async.c:7 */
#line 7 "tests/golden/sum_async.c"
      __auto_type ac__f2 = (  b);
#line 84 "tests/golden/sum_async.gen.c"
      __typeof__(ac__f2.value) ac__t1;
      if (AC__AWAIT_SUSPENDS(ac__f2)) {
        if (!ac__state) {
          ac__fr = sum_async__box();
          AC__SAVE(ac__fr->c, c);
        }
        ac__fr->ac__t0 = ac__t0;
        ac__fr->ac__hdr.resume = sum_async__resume_2;
        ac__fr->ac__awaiting = ac__f2.task;
        if (AC__SUSPEND(ac__fr, ac__f2, ac__state, sum_async__resume_2))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_2:;
          AC__LOAD(c, ac__fr->c);
          ac__t0 = ac__fr->ac__t0;
        }
        ac__t1 = AC__RESULT(__typeof__(ac__t1), ac__fr->ac__awaiting);
        ac__task_free(ac__fr->ac__awaiting);
      } else {
        ac__t1 = ac__f2.value;
      }
      /* state 3: await c at sum_async.c:7 */
#line 7 "tests/golden/sum_async.c"
      __auto_type ac__f3 = (           c);
#line 109 "tests/golden/sum_async.gen.c"
      __typeof__(ac__f3.value) ac__t2;
      if (AC__AWAIT_SUSPENDS(ac__f3)) {
        if (!ac__state)
          ac__fr = sum_async__box();
        ac__fr->ac__t0 = ac__t0;
        ac__fr->ac__t1 = ac__t1;
        ac__fr->ac__hdr.resume = sum_async__resume_3;
        ac__fr->ac__awaiting = ac__f3.task;
        if (AC__SUSPEND(ac__fr, ac__f3, ac__state, sum_async__resume_3))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_3:;
          ac__t0 = ac__fr->ac__t0;
          ac__t1 = ac__fr->ac__t1;
        }
        ac__t2 = AC__RESULT(__typeof__(ac__t2), ac__fr->ac__awaiting);
        ac__task_free(ac__fr->ac__awaiting);
      } else {
        ac__t2 = ac__f3.value;
      }
#line 7 "tests/golden/sum_async.c"
    __typeof__(ac__fr->ac__result) ac__r = (
#line 7 "tests/golden/sum_async.c"
           sum(ac__t0, ac__t1, ac__t2));
#line 134 "tests/golden/sum_async.gen.c"
      if (!ac__state)
        return (ac_future_int){ .value = ac__r };
      ac__fr->ac__result = ac__r;
      return (ac_future_int){ .task = ac__task_completed(&ac__fr->ac__hdr) };
    }
}
AC__RUN_END
ac_future_int sum_async(ac_future(int) a, ac_future(int) b, ac_future(int) c) {
  return sum_async__run(NULL, 0, a, b, c);
}
static void sum_async__resume_at(ac_task *ac__t, int ac__state) {
  struct sum_async__frame *ac__fr = (struct sum_async__frame *)ac__t;
  (void)sum_async__run(ac__fr, ac__state,
      (ac_future_int){0},
      (ac_future_int){0},
      (ac_future_int){0});
}
static void sum_async__resume_1(ac_task *ac__t) { sum_async__resume_at(ac__t, 1); }
static void sum_async__resume_2(ac_task *ac__t) { sum_async__resume_at(ac__t, 2); }
static void sum_async__resume_3(ac_task *ac__t) { sum_async__resume_at(ac__t, 3); }
static const ac__site sum_async__sites[] AC__SITES = {
  { sum_async__resume_1, "sum_async",
    "tests/golden/sum_async.c",
    "await a",
    7, AC__SITE_FRAME(struct sum_async__frame) },
  { sum_async__resume_2, "sum_async",
    "tests/golden/sum_async.c",
    "await b",
    7, AC__SITE_FRAME(struct sum_async__frame) },
  { sum_async__resume_3, "sum_async",
    "tests/golden/sum_async.c",
    "await c",
    7, AC__SITE_FRAME(struct sum_async__frame) },
};
#line 8 "tests/golden/sum_async.c"
 
