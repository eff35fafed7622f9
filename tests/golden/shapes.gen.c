#line 1 "tests/golden/shapes.c"
/* The layout of each rewritten construct: a condition that awaits (while,
 * do, for, if, switch, && and ?:), a declaration whose initializer awaits,
 * and a local whose address is taken (its frame is allocated on entry). */
#include <asyncc.h>


#line 9 "tests/golden/shapes.gen.c"
struct val__frame {
  ac_task ac__hdr;
  union {   /* the result, or before it: */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      int v;   /* await 1 */
    };
  };
};
AC__FRAME_CHECK(struct val__frame, "val");
static void val__resume(ac_task *ac__t);
#line 6 "tests/golden/shapes.c"
AC__RUN ac_future_int val__run(void *ac__mem, struct val__frame *ac__fr, int ac__state, int v) {
#line 24 "tests/golden/shapes.gen.c"
  typedef ac_future_int ac__fut;
  if (ac__state) goto ac__resume_1;
#line 6 "tests/golden/shapes.c"
                              { /* state 1: await ac_yield() */
#line 6
  __auto_type ac__f1 = (            ac_yield());
#line 6
  AC__AWAIT(1, 0, AC__BOX1(ac__mem, val__resume), (v), , )
}
#line 6
                                                { __typeof__(ac__fr->ac__result) ac__r = (
#line 6
                                                       v);
#line 38 "tests/golden/shapes.gen.c"
  AC__COMPLETE(ac__r);
}
#line 6 "tests/golden/shapes.c"
                                                          
#line 43 "tests/golden/shapes.gen.c"
}
AC__RUN_END
static inline ac_future_int val__ramp(void *ac__mem, int v) {
  return val__run(ac__mem, 0, 0, v);
}
static inline __attribute__((unused))
ac_future_int val(int v) {
  return val__ramp(0, v);
}
AC__RESUME1(val__resume, struct val__frame, val__run(0, ac__fr, 1, (int){0}))
#line 6 "tests/golden/shapes.c"
static const ac__site val__sites[] AC__SITES = {
  AC__SITE(val__resume, "val", "await ac_yield()", 6, struct val__frame),
};
#line 6
                                                           


#line 62 "tests/golden/shapes.gen.c"
struct shapes__frame {
  ac_task ac__hdr;
  union {   /* the result, or before it: */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      int n;   /* awaits 1-5 */
      int total;   /* awaits 1-4, 6 */
      int i;   /* await 3 */
      union {   /* embedded callee frames */
        struct val__frame val;
      } ac__callee;
    };
  };
};
AC__FRAME_CHECK(struct shapes__frame, "shapes");
AC__RESUMES(shapes, 6)
ac_future_int shapes(int n);
#line 8 "tests/golden/shapes.c"
AC__RUN ac_future_int shapes__run(struct shapes__frame *ac__fr, int ac__state, int n) {
#line 83 "tests/golden/shapes.gen.c"
  typedef ac_future_int ac__fut;
  switch (ac__state) {
  case 1: goto ac__resume_1;
  case 2: goto ac__resume_2;
  case 3: goto ac__resume_3;
  case 4: goto ac__resume_4;
  case 5: goto ac__resume_5;
  case 6: goto ac__resume_6;
  default: if (ac__state) __builtin_unreachable();
  }
#line 9 "tests/golden/shapes.c"
    int total = 0;
    for (;;) { /* state 1: await val(n) */
#line 10
      __auto_type ac__f1 = (val__ramp(AC__ROOM_NEW(val), n));
#line 10
      AC__AWAIT_LOCAL(1, ac__t0, shapes__resume_1,
          AC__BOX(0), (n), (total), AC__FREE_CALLEE(ac__fr, val);)
#line 10
      if (!(ac__t0      > total)) { break; }
        total += 1; }
    for (;;) { {
        total -= 1;
    } /* state 2: await val(total) */
#line 14
      __auto_type ac__f2 = (val__ramp(AC__ROOM_NEW(val), total));
#line 14
      AC__AWAIT_LOCAL(2, ac__t1, shapes__resume_2,
          AC__BOX(0), (n), (total), AC__FREE_CALLEE(ac__fr, val);)
#line 14
      if (!(ac__t1            > n)) { break; } }
    {    int i = 0; for (;; i++) { /* state 3: await val(2) */
#line 15
        __auto_type ac__f3 = (val__ramp(AC__ROOM_NEW(val), 2));
#line 15
        AC__AWAIT_LOCAL(3, ac__t2, shapes__resume_3,
            AC__BOX(0), (n), (total)(i), AC__FREE_CALLEE(ac__fr, val);)
#line 15
        if (!(      i < ac__t2)) { break; }
        total += i; } }
    {
#line 125 "tests/golden/shapes.gen.c"
      int ac__t3;
      ac__t3 = !!(
#line 17 "tests/golden/shapes.c"
        n > 0);
#line 130 "tests/golden/shapes.gen.c"
      if (ac__t3) {
        /* state 4: await val(n) */
#line 17 "tests/golden/shapes.c"
        __auto_type ac__f4 = (val__ramp(AC__ROOM_NEW(val), n));
#line 17
        AC__AWAIT_LOCAL(4, ac__t4, shapes__resume_4,
            AC__BOX(0), (n), (total), AC__FREE_CALLEE(ac__fr, val);)
#line 17
        ac__t3 = !!(ac__t4    > 1);
#line 140 "tests/golden/shapes.gen.c"
      }
#line 17 "tests/golden/shapes.c"
    if (ac__t3)
        {
#line 145 "tests/golden/shapes.gen.c"
          __typeof__(int) ac__t5;
#line 18 "tests/golden/shapes.c"
          if (  n > 2) { /* state 5: await val(3) */
#line 18
            __auto_type ac__f5 = (val__ramp(AC__ROOM_NEW(val), 3));
#line 18
            AC__AWAIT_LOCAL(5, ac__t6, shapes__resume_5,
                AC__BOX(0), (n), , AC__FREE_CALLEE(ac__fr, val);)
#line 18
            ac__t5 = (ac__t6);
#line 156 "tests/golden/shapes.gen.c"
          } else {
#line 18 "tests/golden/shapes.c"
            ac__t5 = (                 0);
#line 160 "tests/golden/shapes.gen.c"
          }
#line 18 "tests/golden/shapes.c"
        total = ac__t5; } }
    { /* state 6: await val(n % 3) */
#line 19
      __auto_type ac__f6 = (val__ramp(AC__ROOM_NEW(val), n% 3));
#line 19
      AC__AWAIT_LOCAL(6, ac__t7, shapes__resume_6,
          AC__BOX(0), , (total), AC__FREE_CALLEE(ac__fr, val);)
#line 19
    switch (ac__t7) {
    case 0: total += 10; break;
    default: break;
    } }
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 23
           total);
#line 178 "tests/golden/shapes.gen.c"
      AC__COMPLETE(ac__r);
    }
}
AC__RUN_END
ac_future_int shapes(int n) {
  return shapes__run(0, 0, n);
}
AC__RESUME_AT(shapes__resume_at, struct shapes__frame, shapes__run(ac__fr, ac__state, (int){0}))
#line 24 "tests/golden/shapes.c"
static const ac__site shapes__sites[] AC__SITES = {
  AC__SITE(shapes__resume_1, "shapes", "await val(n)", 10, struct shapes__frame),
  AC__SITE(shapes__resume_2, "shapes", "await val(total)", 14, struct shapes__frame),
  AC__SITE(shapes__resume_3, "shapes", "await val(2)", 15, struct shapes__frame),
  AC__SITE(shapes__resume_4, "shapes", "await val(n)", 17, struct shapes__frame),
  AC__SITE(shapes__resume_5, "shapes", "await val(3)", 18, struct shapes__frame),
  AC__SITE(shapes__resume_6, "shapes", "await val(n % 3)", 19, struct shapes__frame),
};
#line 24
 


#line 200 "tests/golden/shapes.gen.c"
struct by_address__frame {
  ac_task ac__hdr;
  union {   /* the result, or before it: */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      int *p;   /* await 1 */
      int cell;   /* await 1 */
    };
  };
};
AC__FRAME_CHECK(struct by_address__frame, "by_address");
static void by_address__resume(ac_task *ac__t);
ac_future_int by_address(int n);
#line 26 "tests/golden/shapes.c"
AC__RUN ac_future_int by_address__run(struct by_address__frame *ac__fr, int ac__state, int n) {
#line 217 "tests/golden/shapes.gen.c"
  typedef ac_future_int ac__fut;
  if (ac__state) goto ac__resume_1;
  ac__fr = ac__box(0, sizeof *ac__fr);
  ac__fr->ac__hdr.resume = by_address__resume;
#line 27 "tests/golden/shapes.c"
    ac__fr->cell = (
#line 27
               n);
    ac__fr->p = (
#line 28
             &ac__fr->cell);
    { /* state 1: await ac_yield() */
#line 29
      __auto_type ac__f1 = (
#line 29
          ac_yield());
#line 29
      AC__AWAIT(1, 0, 0, , , )
    }
#line 30
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 30
           *ac__fr->p
#line 30
              + 1);
#line 243 "tests/golden/shapes.gen.c"
      if (!ac__state) {
        ac__frame_free(ac__fr);
        return (ac__fut){ .value = ac__r };
      }
      ac__fr->ac__result = ac__r;
      return (ac__fut){ .task = ac__task_completed(&ac__fr->ac__hdr) };
    }
}
AC__RUN_END
ac_future_int by_address(int n) {
  return by_address__run(0, 0, n);
}
AC__RESUME1(by_address__resume, struct by_address__frame, by_address__run(ac__fr, 1, (int){0}))
#line 31 "tests/golden/shapes.c"
static const ac__site by_address__sites[] AC__SITES = {
  AC__SITE(by_address__resume, "by_address", "await ac_yield()", 29, struct by_address__frame),
};
#line 31
 
