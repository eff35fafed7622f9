#line 1 "tests/golden/shapes.c"
/* The layout of each rewritten construct: a condition that awaits (while,
 * do, for, if, switch, && and ?:), a declaration whose initializer awaits,
 * and a local whose address is taken (its frame is allocated on entry). */
#include <asyncc.h>


#line 9 "tests/golden/shapes.gen.c"
struct val__frame {
  ac_task ac__hdr;
  union {   /* the result, once complete, replaces the rest */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      __typeof__(int) v;   /* live across await 1 */
    };
  };
};
AC__FRAME_CHECK(struct val__frame, "val");
static void val__resume(ac_task *ac__t);
static struct val__frame *val__box(struct val__frame *mem) {
  struct val__frame *box = ac__frame_at(mem, sizeof *box);
  box->ac__hdr.resume = val__resume;
  atomic_init(&box->ac__hdr.waiter, AC__WAITER_NONE);
  return box;
}
static ac_future_int val(int v);
#line 6 "tests/golden/shapes.c"
AC__RUN ac_future_int val__run(
#line 6 "tests/golden/shapes.c"
    struct val__frame *ac__mem, struct val__frame *ac__fr, int ac__state,
#line 6 "tests/golden/shapes.c"
    int v) {
#line 35 "tests/golden/shapes.gen.c"
  AC__COOP_LOCAL;
  if (ac__state) goto ac__resume_1;
#line 6 "tests/golden/shapes.c"
                              {
#line 40 "tests/golden/shapes.gen.c"
  /* state 1: await ac_yield() at shapes.c:6 */
#line 6 "tests/golden/shapes.c"
  __auto_type ac__f1 = (            ac_yield());
#line 44 "tests/golden/shapes.gen.c"
  if (AC__AWAIT_SUSPENDS(ac__f1)) {
    if (!ac__state) {
      ac__fr = val__box(ac__mem);
      AC__SAVE(ac__fr->v, v);
    }
    ac__fr->ac__awaiting = ac__f1.task;
    if (AC__SUSPEND(ac__fr, ac__f1, ac__state, val__resume))
      return (ac_future_int){ .task = &ac__fr->ac__hdr };
    if (0) {
    ac__resume_1:;
      AC__LOAD(v, ac__fr->v);
    }
  }
}
#line 6 "tests/golden/shapes.c"
                                                { __typeof__(ac__fr->ac__result) ac__r = (
#line 6 "tests/golden/shapes.c"
                                                       v);
#line 63 "tests/golden/shapes.gen.c"
  if (!ac__state)
    return (ac_future_int){ .value = ac__r };
  ac__fr->ac__result = ac__r;
  return (ac_future_int){ .task = ac__task_completed(&ac__fr->ac__hdr) };
}
#line 6 "tests/golden/shapes.c"
                                                          
#line 71 "tests/golden/shapes.gen.c"
}
AC__RUN_END
static inline ac_future_int val__ramp(struct val__frame *ac__mem, int v) {
  return val__run(ac__mem, NULL, 0, v);
}
static inline __attribute__((unused))
ac_future_int val(int v) {
  return val__ramp(NULL, v);
}
static void val__resume(ac_task *ac__t) {
  struct val__frame *ac__fr = (struct val__frame *)ac__t;
  (void)val__run(NULL, ac__fr, 1, (int){0});
}
static const ac__site val__sites[] AC__SITES = {
  { val__resume, "val",
    "tests/golden/shapes.c",
    "await ac_yield()",
    6, AC__SITE_FRAME(struct val__frame) },
};
#line 6 "tests/golden/shapes.c"
                                                           


#line 95 "tests/golden/shapes.gen.c"
struct shapes__frame {
  ac_task ac__hdr;
  union {   /* the result, once complete, replaces the rest */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      __typeof__(int) n;   /* live across awaits 1-5 */
      __typeof__(int) total;   /* live across awaits 1-4, 6 */
      __typeof__(int) i;   /* live across await 3 */
      union {   /* the frame of the callee being awaited, embedded */
        struct val__frame val;
      } ac__callee;
    };
  };
};
AC__FRAME_CHECK(struct shapes__frame, "shapes");
static void shapes__resume_1(ac_task *ac__t);
static void shapes__resume_2(ac_task *ac__t);
static void shapes__resume_3(ac_task *ac__t);
static void shapes__resume_4(ac_task *ac__t);
static void shapes__resume_5(ac_task *ac__t);
static void shapes__resume_6(ac_task *ac__t);
static struct shapes__frame *shapes__box(void) {
  struct shapes__frame *box = ac__frame_alloc(sizeof *box);
  atomic_init(&box->ac__hdr.waiter, AC__WAITER_NONE);
  return box;
}
ac_future_int shapes(int n);
#line 8 "tests/golden/shapes.c"
AC__RUN ac_future_int shapes__run(struct shapes__frame *ac__fr, int ac__state, int n) {
#line 126 "tests/golden/shapes.gen.c"
  AC__COOP_LOCAL;
  switch (ac__state) {
  case 1: goto ac__resume_1;
  case 2: goto ac__resume_2;
  case 3: goto ac__resume_3;
  case 4: goto ac__resume_4;
  case 5: goto ac__resume_5;
  case 6: goto ac__resume_6;
  }
#line 9 "tests/golden/shapes.c"
    int total = 0;
    for (;;) {
#line 139 "tests/golden/shapes.gen.c"
      /* state 1: await val(n) at shapes.c:10 */
      struct val__frame *ac__room1 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 10 "tests/golden/shapes.c"
      __auto_type ac__f1 = (val__ramp(ac__room1, n));
#line 144 "tests/golden/shapes.gen.c"
      __typeof__(ac__f1.value) ac__t0;
      if (AC__AWAIT_SUSPENDS(ac__f1)) {
        if (!ac__state) {
          ac__fr = shapes__box();
          AC__SAVE(ac__fr->n, n);
        }
        AC__SAVE(ac__fr->total, total);
        ac__fr->ac__hdr.resume = shapes__resume_1;
        ac__fr->ac__awaiting = ac__f1.task;
        if (AC__SUSPEND(ac__fr, ac__f1, ac__state, shapes__resume_1))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_1:;
          AC__LOAD(n, ac__fr->n);
          AC__LOAD(total, ac__fr->total);
        }
        ac__t0 = AC__RESULT(__typeof__(ac__t0), ac__fr->ac__awaiting);
        AC__FREE_CALLEE(ac__fr, val);
      } else {
        ac__t0 = ac__f1.value;
      }
#line 10 "tests/golden/shapes.c"
      if (!(ac__t0      > total)) break;
        total += 1; }
    for (;;) { {
        total -= 1;
    }
#line 172 "tests/golden/shapes.gen.c"
      /* state 2: await val(total) at shapes.c:14 */
      struct val__frame *ac__room2 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 14 "tests/golden/shapes.c"
      __auto_type ac__f2 = (val__ramp(ac__room2, total));
#line 177 "tests/golden/shapes.gen.c"
      __typeof__(ac__f2.value) ac__t1;
      if (AC__AWAIT_SUSPENDS(ac__f2)) {
        if (!ac__state) {
          ac__fr = shapes__box();
          AC__SAVE(ac__fr->n, n);
        }
        AC__SAVE(ac__fr->total, total);
        ac__fr->ac__hdr.resume = shapes__resume_2;
        ac__fr->ac__awaiting = ac__f2.task;
        if (AC__SUSPEND(ac__fr, ac__f2, ac__state, shapes__resume_2))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_2:;
          AC__LOAD(n, ac__fr->n);
          AC__LOAD(total, ac__fr->total);
        }
        ac__t1 = AC__RESULT(__typeof__(ac__t1), ac__fr->ac__awaiting);
        AC__FREE_CALLEE(ac__fr, val);
      } else {
        ac__t1 = ac__f2.value;
      }
#line 14 "tests/golden/shapes.c"
      if (!(ac__t1            > n)) break; }
    {    int i = 0; for (;; i++) {
#line 202 "tests/golden/shapes.gen.c"
        /* state 3: await val(2) at shapes.c:15 */
        struct val__frame *ac__room3 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 15 "tests/golden/shapes.c"
        __auto_type ac__f3 = (val__ramp(ac__room3, 2));
#line 207 "tests/golden/shapes.gen.c"
        __typeof__(ac__f3.value) ac__t2;
        if (AC__AWAIT_SUSPENDS(ac__f3)) {
          if (!ac__state) {
            ac__fr = shapes__box();
            AC__SAVE(ac__fr->n, n);
          }
          AC__SAVE(ac__fr->total, total);
          AC__SAVE(ac__fr->i, i);
          ac__fr->ac__hdr.resume = shapes__resume_3;
          ac__fr->ac__awaiting = ac__f3.task;
          if (AC__SUSPEND(ac__fr, ac__f3, ac__state, shapes__resume_3))
            return (ac_future_int){ .task = &ac__fr->ac__hdr };
          if (0) {
          ac__resume_3:;
            AC__LOAD(n, ac__fr->n);
            AC__LOAD(total, ac__fr->total);
            AC__LOAD(i, ac__fr->i);
          }
          ac__t2 = AC__RESULT(__typeof__(ac__t2), ac__fr->ac__awaiting);
          AC__FREE_CALLEE(ac__fr, val);
        } else {
          ac__t2 = ac__f3.value;
        }
#line 15 "tests/golden/shapes.c"
        if (!(      i < ac__t2)) break;
        total += i; } }
    {
#line 235 "tests/golden/shapes.gen.c"
      int ac__t3;
      ac__t3 = !!(
#line 17 "tests/golden/shapes.c"
        n > 0);
#line 240 "tests/golden/shapes.gen.c"
      if (ac__t3) {
        /* state 4: await val(n) at shapes.c:17 */
        struct val__frame *ac__room4 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 17 "tests/golden/shapes.c"
        __auto_type ac__f4 = (val__ramp(ac__room4, n));
#line 246 "tests/golden/shapes.gen.c"
        __typeof__(ac__f4.value) ac__t4;
        if (AC__AWAIT_SUSPENDS(ac__f4)) {
          if (!ac__state) {
            ac__fr = shapes__box();
            AC__SAVE(ac__fr->n, n);
          }
          AC__SAVE(ac__fr->total, total);
          ac__fr->ac__hdr.resume = shapes__resume_4;
          ac__fr->ac__awaiting = ac__f4.task;
          if (AC__SUSPEND(ac__fr, ac__f4, ac__state, shapes__resume_4))
            return (ac_future_int){ .task = &ac__fr->ac__hdr };
          if (0) {
          ac__resume_4:;
            AC__LOAD(n, ac__fr->n);
            AC__LOAD(total, ac__fr->total);
          }
          ac__t4 = AC__RESULT(__typeof__(ac__t4), ac__fr->ac__awaiting);
          AC__FREE_CALLEE(ac__fr, val);
        } else {
          ac__t4 = ac__f4.value;
        }
#line 17 "tests/golden/shapes.c"
        ac__t3 = !!(ac__t4    > 1);
#line 270 "tests/golden/shapes.gen.c"
      }
#line 17 "tests/golden/shapes.c"
    if (ac__t3)
        {
#line 275 "tests/golden/shapes.gen.c"
          __typeof__(int) ac__t5;
#line 18 "tests/golden/shapes.c"
          if (  n > 2) {
#line 279 "tests/golden/shapes.gen.c"
            /* state 5: await val(3) at shapes.c:18 */
            struct val__frame *ac__room5 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 18 "tests/golden/shapes.c"
            __auto_type ac__f5 = (val__ramp(ac__room5, 3));
#line 284 "tests/golden/shapes.gen.c"
            __typeof__(ac__f5.value) ac__t6;
            if (AC__AWAIT_SUSPENDS(ac__f5)) {
              if (!ac__state) {
                ac__fr = shapes__box();
                AC__SAVE(ac__fr->n, n);
              }
              ac__fr->ac__hdr.resume = shapes__resume_5;
              ac__fr->ac__awaiting = ac__f5.task;
              if (AC__SUSPEND(ac__fr, ac__f5, ac__state, shapes__resume_5))
                return (ac_future_int){ .task = &ac__fr->ac__hdr };
              if (0) {
              ac__resume_5:;
                AC__LOAD(n, ac__fr->n);
              }
              ac__t6 = AC__RESULT(__typeof__(ac__t6), ac__fr->ac__awaiting);
              AC__FREE_CALLEE(ac__fr, val);
            } else {
              ac__t6 = ac__f5.value;
            }
#line 18 "tests/golden/shapes.c"
            ac__t5 = (ac__t6);
#line 306 "tests/golden/shapes.gen.c"
          } else {
#line 18 "tests/golden/shapes.c"
            ac__t5 = (                 0);
#line 310 "tests/golden/shapes.gen.c"
          }
#line 18 "tests/golden/shapes.c"
        total = ac__t5; } }
    {
#line 315 "tests/golden/shapes.gen.c"
      /* state 6: await val(n % 3) at shapes.c:19 */
      struct val__frame *ac__room6 = ac__state ? &ac__fr->ac__callee.val : NULL;
#line 19 "tests/golden/shapes.c"
      __auto_type ac__f6 = (val__ramp(ac__room6, n% 3));
#line 320 "tests/golden/shapes.gen.c"
      __typeof__(ac__f6.value) ac__t7;
      if (AC__AWAIT_SUSPENDS(ac__f6)) {
        if (!ac__state)
          ac__fr = shapes__box();
        AC__SAVE(ac__fr->total, total);
        ac__fr->ac__hdr.resume = shapes__resume_6;
        ac__fr->ac__awaiting = ac__f6.task;
        if (AC__SUSPEND(ac__fr, ac__f6, ac__state, shapes__resume_6))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
        if (0) {
        ac__resume_6:;
          AC__LOAD(total, ac__fr->total);
        }
        ac__t7 = AC__RESULT(__typeof__(ac__t7), ac__fr->ac__awaiting);
        AC__FREE_CALLEE(ac__fr, val);
      } else {
        ac__t7 = ac__f6.value;
      }
#line 19 "tests/golden/shapes.c"
    switch (ac__t7) {
    case 0: total += 10; break;
    default: break;
    } }
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 23 "tests/golden/shapes.c"
           total);
#line 347 "tests/golden/shapes.gen.c"
      if (!ac__state)
        return (ac_future_int){ .value = ac__r };
      ac__fr->ac__result = ac__r;
      return (ac_future_int){ .task = ac__task_completed(&ac__fr->ac__hdr) };
    }
}
AC__RUN_END
ac_future_int shapes(int n) {
  return shapes__run(NULL, 0, n);
}
static void shapes__resume_at(ac_task *ac__t, int ac__state) {
  struct shapes__frame *ac__fr = (struct shapes__frame *)ac__t;
  (void)shapes__run(ac__fr, ac__state, (int){0});
}
static void shapes__resume_1(ac_task *ac__t) { shapes__resume_at(ac__t, 1); }
static void shapes__resume_2(ac_task *ac__t) { shapes__resume_at(ac__t, 2); }
static void shapes__resume_3(ac_task *ac__t) { shapes__resume_at(ac__t, 3); }
static void shapes__resume_4(ac_task *ac__t) { shapes__resume_at(ac__t, 4); }
static void shapes__resume_5(ac_task *ac__t) { shapes__resume_at(ac__t, 5); }
static void shapes__resume_6(ac_task *ac__t) { shapes__resume_at(ac__t, 6); }
static const ac__site shapes__sites[] AC__SITES = {
  { shapes__resume_1, "shapes",
    "tests/golden/shapes.c",
    "await val(n)",
    10, AC__SITE_FRAME(struct shapes__frame) },
  { shapes__resume_2, "shapes",
    "tests/golden/shapes.c",
    "await val(total)",
    14, AC__SITE_FRAME(struct shapes__frame) },
  { shapes__resume_3, "shapes",
    "tests/golden/shapes.c",
    "await val(2)",
    15, AC__SITE_FRAME(struct shapes__frame) },
  { shapes__resume_4, "shapes",
    "tests/golden/shapes.c",
    "await val(n)",
    17, AC__SITE_FRAME(struct shapes__frame) },
  { shapes__resume_5, "shapes",
    "tests/golden/shapes.c",
    "await val(3)",
    18, AC__SITE_FRAME(struct shapes__frame) },
  { shapes__resume_6, "shapes",
    "tests/golden/shapes.c",
    "await val(n % 3)",
    19, AC__SITE_FRAME(struct shapes__frame) },
};
#line 24 "tests/golden/shapes.c"
 


#line 398 "tests/golden/shapes.gen.c"
struct by_address__frame {
  ac_task ac__hdr;
  union {   /* the result, once complete, replaces the rest */
    int ac__result;
    struct {
      ac_task *ac__awaiting;
      __typeof__(int *) p;   /* live across await 1 */
      __typeof__(int) cell;   /* live across await 1 */
    };
  };
};
AC__FRAME_CHECK(struct by_address__frame, "by_address");
static void by_address__resume(ac_task *ac__t);
ac_future_int by_address(int n);
#line 26 "tests/golden/shapes.c"
AC__RUN ac_future_int by_address__run(struct by_address__frame *ac__fr, int ac__state, int n) {
#line 415 "tests/golden/shapes.gen.c"
  AC__COOP_LOCAL;
  if (ac__state) goto ac__resume_1;
  ac__fr = ac__frame_alloc(sizeof *ac__fr);
  ac__fr->ac__hdr.resume = by_address__resume;
  atomic_init(&ac__fr->ac__hdr.waiter, AC__WAITER_NONE);
#line 27 "tests/golden/shapes.c"
    ac__fr->cell = (
#line 27 "tests/golden/shapes.c"
               n);
    ac__fr->p = (
#line 28 "tests/golden/shapes.c"
             &ac__fr->cell);
    {
#line 429 "tests/golden/shapes.gen.c"
      /* state 1: await ac_yield() at shapes.c:29 */
      __auto_type ac__f1 = (
#line 29 "tests/golden/shapes.c"
          ac_yield());
#line 434 "tests/golden/shapes.gen.c"
      if (AC__AWAIT_SUSPENDS(ac__f1)) {
        ac__fr->ac__awaiting = ac__f1.task;
        if (AC__SUSPEND(ac__fr, ac__f1, ac__state, by_address__resume))
          return (ac_future_int){ .task = &ac__fr->ac__hdr };
      ac__resume_1:;
      }
    }
#line 30 "tests/golden/shapes.c"
    { __typeof__(ac__fr->ac__result) ac__r = (
#line 30 "tests/golden/shapes.c"
           *ac__fr->p
#line 30 "tests/golden/shapes.c"
              + 1);
#line 448 "tests/golden/shapes.gen.c"
      if (!ac__state) {
        ac__frame_free(ac__fr);
        return (ac_future_int){ .value = ac__r };
      }
      ac__fr->ac__result = ac__r;
      return (ac_future_int){ .task = ac__task_completed(&ac__fr->ac__hdr) };
    }
}
AC__RUN_END
ac_future_int by_address(int n) {
  return by_address__run(NULL, 0, n);
}
static void by_address__resume(ac_task *ac__t) {
  struct by_address__frame *ac__fr = (struct by_address__frame *)ac__t;
  (void)by_address__run(ac__fr, 1, (int){0});
}
static const ac__site by_address__sites[] AC__SITES = {
  { by_address__resume, "by_address",
    "tests/golden/shapes.c",
    "await ac_yield()",
    29, AC__SITE_FRAME(struct by_address__frame) },
};
#line 31 "tests/golden/shapes.c"
 
