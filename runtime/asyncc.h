/* asyncc.h - the asyncc runtime: futures, a work-stealing pool, timers,
 * cancellation and non-blocking I/O for C.  Link with -lasyncc -lpthread.
 *
 * Conventions, for every call below:
 *   - Public names start with ac_ / AC_; names with ac__ / AC__ are internal
 *     or belong to the ABI that generated code uses (section 1).
 *   - Prototypes name no parameters (where a comment needs the names, it
 *     starts with the signature), and inline functions name theirs and
 *     their locals ac__...: a program's macro of a plain word (n, size, t),
 *     defined before the include, cannot break this header; neither can
 *     the members of the synchronisation types (ac__...).  The members
 *     that are API or ABI (ac_task's, a future's task and value,
 *     ac_config's, ac_stats') and ac__site's and ac__run_local's are
 *     plain words.  Nothing here needs NULL after the include.
 *   - Errors are negative errno values (-EINVAL, -ECANCELED, ...); calls that
 *     produce a future deliver the error as the future's value.  A call that
 *     fails at once returns an already completed future: it never completes
 *     it later.
 *   - A future is consumed exactly once: awaited, ac_wait()ed, handed to
 *     ac_when_all/ac_when_any, or ac_detach()ed.  ASYNCC_DEBUG=1 reports
 *     futures leaked or consumed twice.
 *
 * The pool starts on first use (or with ac_start), sizes itself to the CPU
 * count (ASYNCC_WORKERS overrides; 0 selects the single-threaded
 * deterministic mode) and stops with ac_shutdown.  See docs/runtime.md.
 */
#ifndef ASYNCC_H
#define ASYNCC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#ifdef __cplusplus
#error "asyncc.h is a C header"
#endif

/* ====================================================================
 * 1. ABI for generated code (docs/abi.md).  Fixed layout; do not reorder.
 * ==================================================================== */

/* Every task (a boxed frame of an async function, or a runtime task such
 * as a promise, a timer or an I/O operation) starts with this header.
 *   resume  called by a pool worker when the task is scheduled.
 *   waiter  the consumer side, one of the AC__WAITER_* values or the
 *           ac_task * of the single awaiter.
 * The result of a task of type T follows the header (see AC__RESULT). */
typedef struct ac_task ac_task;
struct ac_task {
    void (*resume)(ac_task *);
    _Atomic uintptr_t waiter;
};

#define AC__WAITER_NONE     ((uintptr_t)0) /* pending, nobody waits */
#define AC__WAITER_DONE     ((uintptr_t)1) /* completed, result readable */
#define AC__WAITER_DETACHED ((uintptr_t)2) /* consumer gave up: free on completion */
#define AC__WAITER_CONSUMED ((uintptr_t)3) /* freed by its consumer (see abi.md) */

/* The result slot of a task whose result type is T (not for void). */
#define AC__RESULT(T, task) \
    (((struct { struct ac_task ac__h; T ac__r; } *)(task))->ac__r)

/* A ramp's first suspension copies a local into its new frame field.
 * Bytewise: arrays and anonymous struct types copy too, and a local whose
 * initializer a jump skipped is copied without a load of its type (which
 * for _Bool or an enum could be invalid).  The casts drop qualifiers. */
#define AC__SAVE(field, local) \
    ((void)__builtin_memcpy((void *)&(field), (const void *)&(local), sizeof(field)))
/* The same for a frame field named like the local (the usual case). */
#define AC__SAVE1(name) AC__SAVE(ac__fr->name, name)
/* Where the frame of an awaited callee goes (docs/lowering.md, "Embedded
 * callee frames"), in a run function: in its frame ac__fr in a resume
 * function (ac__state not 0), else in the room ac__mem it was given for
 * its own frame (AC__ROOM; AC__ROOM_NEW in a function that is given none),
 * else NULL (allocated).  A call (ac__room) rather than a conditional
 * expression: at -O0 it is compiled once, not at every await. */
#define AC__ROOM(callee) ac__room(ac__state, ac__fr, ac__mem, \
    __builtin_offsetof(__typeof__(*ac__fr), ac__callee.callee))
#define AC__ROOM_NEW(callee) ac__room(ac__state, ac__fr, (void *)0, \
    __builtin_offsetof(__typeof__(*ac__fr), ac__callee.callee))
/* At the resume point of an await whose callee's frame may be embedded in
 * fr: frees the awaited task unless it is that frame (ac__frame_at). */
#define AC__FREE_CALLEE(fr, callee) \
    ac__task_free_unless((fr)->ac__awaiting, &(fr)->ac__callee.callee.ac__hdr)
/* Frames are allocated 16-byte aligned: a frame type that needs more is
 * refused at compile time, naming the async function. */
#define AC__FRAME_CHECK(frame, name)                                       \
    _Static_assert(_Alignof(frame) <= 16, "asyncc: a local aligned to "   \
                   "more than 16 bytes cannot live across an await in '" name "'")
/* And back, at a resume label (the field's size: the local may be an
 * array parameter, whose sizeof is a pointer's). */
#define AC__LOAD(local, field) \
    ((void)__builtin_memcpy((void *)&(local), (const void *)&(field), sizeof(field)))
#define AC__LOAD1(name) AC__LOAD(name, ac__fr->name)
/* The copies of an await (AC__AWAIT): a list of items, AC__SAVES(list)
 * into the frame field named like the local, AC__LOADS(list) back.  An
 * item `(local)` is a local of a type any bytes are a valid value of,
 * copied exactly (an integer type but _Bool, or a pointer; unqualified;
 * not a floating type, which x87 may load inexactly): by assignment at
 * -O0, 3 instructions where the memcpy takes 4 (x86-64), the memcpy when
 * optimising, which compiles to the same moves (AC__V).  `(KIND, local)`:
 * AC__M bytewise (AC__SAVE1); AC__A by assignment (a `register` local,
 * whose address cannot be taken, or a temporary); `(AC__MF, field,
 * local)` and AC__AF the same into another field.  The kinds are names no
 * macro has (a user's macro M would replace a plain M in AC__AWAIT's
 * arguments).  The lists are walked by two macros that call each other,
 * each leaving the other's name for the next item; AC__LIST_END pastes
 * _END to the name left last, which names nothing. */
#ifdef __OPTIMIZE__
#define AC__V_SAVE(name) AC__SAVE1(name)
#define AC__V_LOAD(name) AC__LOAD1(name)
#else
#define AC__V_SAVE(name) ((void)(ac__fr->name = (name)))
#define AC__V_LOAD(name) ((void)((name) = ac__fr->name))
#endif
#define AC__M_SAVE(name) AC__SAVE1(name)
#define AC__M_LOAD(name) AC__LOAD1(name)
#define AC__A_SAVE(name) ((void)(ac__fr->name = (name)))
#define AC__A_LOAD(name) ((void)((name) = ac__fr->name))
#define AC__MF_SAVE(field, name) AC__SAVE(ac__fr->field, name)
#define AC__MF_LOAD(field, name) AC__LOAD(name, ac__fr->field)
#define AC__AF_SAVE(field, name) ((void)(ac__fr->field = (name)))
#define AC__AF_LOAD(field, name) ((void)((name) = ac__fr->field))
#define AC__SAVES(list) AC__LIST_END(AC__SAVES_A list)
#define AC__SAVES_A(...) AC__ITEM_SAVE(__VA_ARGS__); AC__SAVES_B
#define AC__SAVES_B(...) AC__ITEM_SAVE(__VA_ARGS__); AC__SAVES_A
#define AC__SAVES_A_END
#define AC__SAVES_B_END
#define AC__LOADS(list) AC__LIST_END(AC__LOADS_A list)
#define AC__LOADS_A(...) AC__ITEM_LOAD(__VA_ARGS__); AC__LOADS_B
#define AC__LOADS_B(...) AC__ITEM_LOAD(__VA_ARGS__); AC__LOADS_A
#define AC__LOADS_A_END
#define AC__LOADS_B_END
#define AC__LIST_END(...) AC__LIST_END_(__VA_ARGS__)
#define AC__LIST_END_(...) __VA_ARGS__##_END
/* One item: by its number of parts, (local), (KIND, local) or (KIND,
 * field, local).  (Only numbers and asyncc's names are passed between
 * these macros: a user's macro could replace any other word.) */
#define AC__ITEM_PARTS(a, b, c, n, ...) n
#define AC__ITEM_SAVE(...) AC__ITEM_SAVE_(AC__ITEM_PARTS(__VA_ARGS__, 3, 2, 1, -), __VA_ARGS__)
#define AC__ITEM_SAVE_(n, ...) AC__ITEM_SAVE__(n, __VA_ARGS__)
#define AC__ITEM_SAVE__(n, ...) AC__ITEM_SAVE_##n(__VA_ARGS__)
#define AC__ITEM_LOAD(...) AC__ITEM_LOAD_(AC__ITEM_PARTS(__VA_ARGS__, 3, 2, 1, -), __VA_ARGS__)
#define AC__ITEM_LOAD_(n, ...) AC__ITEM_LOAD__(n, __VA_ARGS__)
#define AC__ITEM_LOAD__(n, ...) AC__ITEM_LOAD_##n(__VA_ARGS__)
#define AC__ITEM_SAVE_1(name) AC__V_SAVE(name)
#define AC__ITEM_LOAD_1(name) AC__V_LOAD(name)
#define AC__ITEM_SAVE_2(kind, name) kind##_SAVE(name)
#define AC__ITEM_LOAD_2(kind, name) kind##_LOAD(name)
#define AC__ITEM_SAVE_3(kind, field, name) kind##_SAVE(field, name)
#define AC__ITEM_LOAD_3(kind, field, name) kind##_LOAD(field, name)

/* A compound literal whose address outlives an await, made in its frame
 * field (bytes of its size and alignment): an lvalue of the literal's type
 * there, of the literal's value (evaluated once: typeof does not).
 * Variadic: the literal's braces do not protect its commas. */
#define AC__KEEP(field, ...) \
    (*(__typeof__(__VA_ARGS__) *)__builtin_memcpy((field), &(__VA_ARGS__), sizeof(field)))

/* Memory for a frame or task of `size` bytes, first member ac_task.  Pooled
 * by size class, no per-object header; never returns NULL (aborts). */
void *ac__frame_alloc(size_t);
/* mem (room for `size` bytes inside the awaiting caller's frame, where the
 * compiler embeds a callee's frame), or ac__frame_alloc(size) when mem is
 * NULL or under ASYNCC_DEBUG.  The caller frees the result only if it is
 * not mem. */
void *ac__frame_at(void *, size_t);
/* A frame boxed: ac__frame_at(mem, size) (mem NULL: allocated), its
 * header's waiter NONE (its resume function is set when it suspends). */
void *ac__box(void *, size_t);
/* The helpers of generated code that do the work of an await off its
 * fast path: inlined when optimising (the C compiler then sees, e.g., that
 * the task is the yield task), at -O0 compiled once per file rather than
 * at every await. */
#ifdef __OPTIMIZE__
#define AC__HELPER static inline __attribute__((always_inline))
#else
#define AC__HELPER static inline
#endif
/* The task of every ac_yield() future: static, shared by all, never
 * completed (waiter stays NONE) and never freed (see ac_yield). */
extern ac_task ac__yield_task;
/* ac__task_await(&ac__yield_task, waiter): queues waiter at the back of
 * the run queue; always true.  ac__yield_queue: the same, no result. */
bool ac__yield_await(ac_task *);
void ac__yield_queue(ac_task *);
#ifndef __ASYNCC_VIEW__
/* A pool worker's private run-queue slots (pool.c), owner only: `lifo`,
 * the awaiter woken last; `back`, the back slot (NULL: it and the ring are
 * empty, see pool.c); `countdown`, the polls and back-slot pushes left
 * until the inject queue's turn.  On a thread that is not a worker,
 * ac__run_local points to slots whose back is never NULL.  Here so that a
 * yield's common case is inline. */
struct ac__run_local {
    ac_task *lifo;
    ac_task *back;
    unsigned countdown;
};
extern __thread struct ac__run_local *ac__run_local
    __attribute__((tls_model("initial-exec")));
/* ac__yield_queue's common case: a worker whose run queue is otherwise
 * empty keeps waiter in its back slot, unless this push is the inject
 * queue's turn (every 61st: timers and I/O run within a bounded number of
 * yields).  Not counted in ac_stats.scheduled. */
static inline void ac__yield_push(ac_task *ac__waiter)
{
    struct ac__run_local *ac__l = ac__run_local;
    if (__builtin_expect(!((uintptr_t)ac__l->back | (uintptr_t)ac__l->lifo) &&
                         --ac__l->countdown != 0, 1))
        ac__l->back = ac__waiter;
    else
        ac__yield_queue(ac__waiter);
}
#endif

/* Frees any task or frame from ac__frame_alloc; it must be completed
 * (waiter DONE).  Does nothing for the yield task. */
#ifndef __ASYNCC_VIEW__
void ac__task_free_any(ac_task *);
static inline void ac__task_free(ac_task *ac__t)
{
    if (ac__t != &ac__yield_task)
        ac__task_free_any(ac__t);
}
#else
void ac__task_free(ac_task *);
#endif
/* Frees a frame that was never published (no future for it was returned,
 * no awaiter registered): e.g. a frame allocated up front because a local's
 * address escapes, whose function then completed synchronously. */
void ac__frame_free(void *);
/* Registers `waiter` as the one awaiter of t.  true: registered, the caller
 * must suspend and waiter->resume runs exactly once after t completes (on a
 * worker: from its run queue, or inside the ac__task_complete(t) of a
 * frame finishing on that worker, never inside the caller's own call).
 * false: t is already completed, continue inline.  Also true, once per
 * AC__COOP_BUDGET synchronous completions on a worker, for a completed t:
 * waiter then resumes from the back of the run queue (the cooperative
 * budget, docs/runtime.md).  Awaiting a task twice aborts with a message.
 * Inline so that
 * `await ac_yield()`, where the C compiler sees the task is the yield task,
 * goes straight to the run queue. */
#ifndef __ASYNCC_VIEW__
bool ac__task_await_any(ac_task *, ac_task *);
static inline bool ac__task_await(ac_task *ac__t, ac_task *ac__waiter)
{
    if (__builtin_constant_p(ac__t == &ac__yield_task) && ac__t == &ac__yield_task) {
        ac__yield_push(ac__waiter);
        return true;     /* known here: the await always suspends */
    }
    return ac__task_await_any(ac__t, ac__waiter);
}
#else
bool ac__task_await(ac_task *, ac_task *);
#endif
/* An await that suspends, its frame fr saved: sets fr's resume function
 * (the state: `resume`; NULL in a function of one await, whose box set
 * it once), records the awaited task t in *awaiting and registers fr with
 * t.  True when the caller must return the pending future: registered,
 * or, in the ramp's call (state 0), completed meanwhile and run on at once
 * in the resume function.  False: in a resume function, the task
 * completed meanwhile; go on. */
AC__HELPER bool ac__suspend(ac_task *ac__fr, ac_task **ac__awaiting,
                            ac_task *ac__t, int ac__state,
                            void (*ac__resume)(ac_task *))
{
    if (ac__resume)
        ac__fr->resume = ac__resume;
    else
        ac__resume = ac__fr->resume;
    *ac__awaiting = ac__t;
    if (ac__task_await(ac__t, ac__fr))
        return true;
    if (ac__state)
        return false;
    ac__resume(ac__fr);
    return true;
}
/* AC__ROOM's work: offset bytes into fr (state not 0) or into mem. */
AC__HELPER void *ac__room(int ac__state, void *ac__fr, void *ac__mem,
                          size_t ac__offset)
{
    void *ac__p = ac__state ? ac__fr : ac__mem;
    return ac__p ? (char *)ac__p + ac__offset : NULL;
}
/* AC__FREE_CALLEE's: frees t unless it is the embedded frame. */
AC__HELPER void ac__task_free_unless(ac_task *ac__t, ac_task *ac__embedded)
{
    if (ac__t != ac__embedded)
        ac__task_free(ac__t);
}
/* The await of a future f: true if it must suspend (f.task != NULL),
 * false if f is completed and its value is read inline.  The test of the
 * task is all an await of a completed {NULL, value} future costs: an
 * async function that returned at once is a function call, and a loop of
 * them is a loop of calls.  The cooperative budget (docs/runtime.md)
 * lives where tokio's does, in the runtime's operations: each one that
 * completes at once (an I/O call that succeeds, an await of a completed
 * task, a free semaphore, mutex or event, a channel with room or a
 * value) spends a unit of its thread's ac__coop_left, and the one that
 * spends the last returns a task instead of {NULL, value}, so its await
 * suspends through the back of the run queue. */
#define AC__AWAIT_SUSPENDS(f) ((f).task != (void *)0)
enum { AC__COOP_BUDGET = 128 };
#ifndef __ASYNCC_VIEW__
extern __thread unsigned ac__coop_left __attribute__((tls_model("initial-exec")));
#endif
/* One await, numbered K in its run function, whose future ac__fK was
 * made (docs/abi.md §5).  If it must suspend: `box` true (AC__BOX at the
 * awaits the ramp's call can reach first: the frame boxed in state 0; 0
 * where the frame exists already) saves the `boxed` copies (the parameters
 * never written) once; the `copies` (the other live locals, a list as
 * AC__SAVES takes) saved; then ac__suspend with the state's resume
 * function; the pending future returned (type ac__fut, the run
 * function's), or, completed meanwhile, on.  A resume function enters at
 * ac__resume_K and copies both lists back; then, on both paths, `take`
 * (the awaited task freed).  AC__AWAIT_VALUE also reads the value into v:
 * from the task, or from a completed future. */
#define AC__AWAIT(K, resume, box, boxed, copies, take)                     \
    if (AC__AWAIT_SUSPENDS(ac__f##K)) {                                    \
        if (box) { AC__SAVES(boxed) }                                      \
        AC__SAVES(copies)                                                  \
        if (ac__suspend(&ac__fr->ac__hdr, &ac__fr->ac__awaiting,           \
                        ac__f##K.task, ac__state, resume))                 \
            return (ac__fut){ .task = &ac__fr->ac__hdr };                  \
        AC__AWAIT_BACK(K, AC__LOADS(boxed copies), take)                   \
    }
/* The resume label: at -O0 the copies back in a block the completed-
 * meanwhile path skips, then `take` once (compiled once); when optimising,
 * `take` first on both paths, so that the locals copied back are not kept
 * across the free's call (2 to 4 instructions per suspension). */
#ifdef __OPTIMIZE__
#define AC__AWAIT_BACK(K, loads, take) \
    take goto ac__got_##K; ac__resume_##K:; take loads ac__got_##K:;
#else
#define AC__AWAIT_BACK(K, loads, take) if (0) { ac__resume_##K:; loads } take
#endif
#define AC__AWAIT_VALUE(K, v, resume, box, boxed, copies, take)            \
    AC__AWAIT(K, resume, box, boxed, copies,                               \
              v = AC__RESULT(__typeof__(v), ac__fr->ac__awaiting); take)   \
    else v = ac__f##K.value;
/* The same into a local v declared here, of the future's value type. */
#define AC__AWAIT_LOCAL(K, v, resume, box, boxed, copies, take)            \
    __typeof__(ac__f##K.value) v;                                          \
    AC__AWAIT_VALUE(K, v, resume, box, boxed, copies, take)
/* The resume function of state k of a function with several awaits: the
 * header's resume function names the state (no state field). */
#define AC__RESUME(name, resume_at, k) \
    static void name(ac_task *ac__t) { resume_at(ac__t, k); }
/* The resume functions F__resume_1 .. F__resume_N of a function F of N
 * awaits (2 to AC__RESUMES_MAX), AC__RESUME each, after the prototype of
 * F__resume_at they call: made from F's name (asyncc writes them out for
 * more states, and for a name that pasting would not keep). */
#define AC__RESUMES_MAX 16
#define AC__RESUMES(F, N) \
    static void F##__resume_at(ac_task *ac__t, int ac__state); AC__RESUMES_##N(F##__resume_)
/* F reaches the helpers below pasted (F__resume_): a function whose name
 * is also an object-like macro is not expanded to the macro's text. */
#define AC__RESUME_K(F, k) AC__RESUME(F##k, F##at, k)
#define AC__RESUMES_1(F) AC__RESUME_K(F, 1)
#define AC__RESUMES_2(F) AC__RESUMES_1(F) AC__RESUME_K(F, 2)
#define AC__RESUMES_3(F) AC__RESUMES_2(F) AC__RESUME_K(F, 3)
#define AC__RESUMES_4(F) AC__RESUMES_3(F) AC__RESUME_K(F, 4)
#define AC__RESUMES_5(F) AC__RESUMES_4(F) AC__RESUME_K(F, 5)
#define AC__RESUMES_6(F) AC__RESUMES_5(F) AC__RESUME_K(F, 6)
#define AC__RESUMES_7(F) AC__RESUMES_6(F) AC__RESUME_K(F, 7)
#define AC__RESUMES_8(F) AC__RESUMES_7(F) AC__RESUME_K(F, 8)
#define AC__RESUMES_9(F) AC__RESUMES_8(F) AC__RESUME_K(F, 9)
#define AC__RESUMES_10(F) AC__RESUMES_9(F) AC__RESUME_K(F, 10)
#define AC__RESUMES_11(F) AC__RESUMES_10(F) AC__RESUME_K(F, 11)
#define AC__RESUMES_12(F) AC__RESUMES_11(F) AC__RESUME_K(F, 12)
#define AC__RESUMES_13(F) AC__RESUMES_12(F) AC__RESUME_K(F, 13)
#define AC__RESUMES_14(F) AC__RESUMES_13(F) AC__RESUME_K(F, 14)
#define AC__RESUMES_15(F) AC__RESUMES_14(F) AC__RESUME_K(F, 15)
#define AC__RESUMES_16(F) AC__RESUMES_15(F) AC__RESUME_K(F, 16)
/* What they call: the task's frame ac__fr (of type `frame`) resumed in
 * state ac__state by `call`, the run function's call (its future ignored).
 * AC__RESUME1: the resume function of a function of one await, itself. */
#define AC__RESUME_AT(name, frame, call)                                   \
    static void name(ac_task *ac__t, int ac__state) {                      \
        frame *ac__fr = (frame *)ac__t;                                    \
        if (!ac__state)                                                    \
            __builtin_unreachable();    /* a resume: never the ramp's 0 */ \
        (void)call;                                                        \
    }
#define AC__RESUME1(name, frame, call) \
    static void name(ac_task *ac__t) { frame *ac__fr = (frame *)ac__t; (void)call; }
/* The ramp's call (state 0) boxes the frame at its first suspension (in
 * mem, the room an embedding caller gave, or allocated): true then, and
 * AC__AWAIT saves the parameters that are never written.  AC__BOX1, in a
 * function of one await, also sets its resume function, once. */
#define AC__BOX(mem) \
    (!ac__state && (ac__fr = ac__box(mem, sizeof *ac__fr), 1))
#define AC__BOX1(mem, fn) \
    (!ac__state && (ac__fr = ac__box(mem, sizeof *ac__fr), ac__fr->ac__hdr.resume = fn, 1))
/* Completes t, whose result was written: publishes it, then runs the
 * awaiter or frees t if it was detached.  For a frame, at the end of its
 * resume function: on a worker the awaiter runs at once, inside this call
 * (symmetric transfer, nested at most 8 deep, then through the worker's
 * LIFO slot, so the stack stays bounded); from any other thread it goes to
 * the inject queue.  t must not be touched after. */
void ac__task_complete(ac_task *);
/* The end of an async function's run function once it has a frame:
 * completes t and gives its address back, for the future the ramp returns
 * when it boxed the frame and then completed without publishing it (a
 * resume function ignores it).  The address is not read again. */
static inline ac_task *ac__task_completed(ac_task *ac__t) {
    ac__task_complete(ac__t);
    return ac__t;
}
/* A `return` of the run function of a function whose frame is boxed at
 * its first suspension, its result in r (in a local: it may be read from
 * the locals the result's bytes overwrite): in the ramp's call (state 0,
 * never suspended, no frame) a completed future; in a resume function the
 * result written to the frame, the task completed, and its future
 * returned (which a resume function ignores).  AC__COMPLETE_VOID: the
 * same without a result. */
#define AC__COMPLETE(r)                                                    \
    if (!ac__state) return (ac__fut){ .value = r };                        \
    ac__fr->ac__result = r;                                                \
    return (ac__fut){ .task = ac__task_completed(&ac__fr->ac__hdr) }
#define AC__COMPLETE_VOID                                                  \
    if (!ac__state) return (ac__fut){ 0 };                                 \
    return (ac__fut){ .task = ac__task_completed(&ac__fr->ac__hdr) }
/* The storage of an async function's run function, which holds its body
 * once and is called by its ramp (no frame, state 0) and by its resume
 * functions: inlined into each when optimising, so that the ramp's path
 * folds to the synchronous code; compiled once at -O0.  gcc 12's
 * -Wdangling-pointer misfires on a goto into a block, in a loop, that
 * holds a local future (docs/lowering.md): off from AC__RUN to the
 * AC__RUN_END after the function. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#define AC__RUN_BEGIN _Pragma("GCC diagnostic push")                       \
    _Pragma("GCC diagnostic ignored \"-Wdangling-pointer\"")
#define AC__RUN_END _Pragma("GCC diagnostic pop")
#else
#define AC__RUN_BEGIN
#define AC__RUN_END
#endif
#ifdef __OPTIMIZE__
#define AC__RUN AC__RUN_BEGIN static inline __attribute__((always_inline))
#else
#define AC__RUN AC__RUN_BEGIN static
#endif
/* true if t has completed (acquire): lets a ramp skip boxing a frame. */
#ifndef __ASYNCC_VIEW__
static inline bool ac__task_done(ac_task *ac__t)
{
    return atomic_load_explicit(&ac__t->waiter, memory_order_acquire) ==
           AC__WAITER_DONE;
}
#else
bool ac__task_done(ac_task *);
#endif

/* One suspension site (await) of an async function.  asyncc emits a table
 * of them per function into the section "ac__sites" (data only, no code);
 * ac_dump_tasks and the gdb extension read it through __start_ac__sites and
 * __stop_ac__sites to name a suspended frame by its header's resume
 * function.  docs/debugging.md. */
typedef struct ac__site {
    void (*resume)(ac_task *);  /* stored in the header at this await */
    const char *func;               /* the async function, as written */
    const char *file;               /* the await's source file and line */
    const char *expr;               /* its text, "await ac_delay(5)" */
    int line;
    unsigned awaiting;              /* offset of the awaited task's pointer */
} ac__site;
/* retain: nothing refers to a table, so the linker's --gc-sections would
 * drop it (and a task would lose its name) without SHF_GNU_RETAIN. */
#if defined(__has_attribute)
#if __has_attribute(retain)
#define AC__SITES_RETAIN , retain
#endif
#endif
#ifndef AC__SITES_RETAIN
#define AC__SITES_RETAIN
#endif
#define AC__SITES __attribute__((used AC__SITES_RETAIN, section("ac__sites"), aligned(8)))
/* The frame type is passed whole: pasting a name spelled with \u escapes
 * into another identifier is not the same identifier under clang. */
#define AC__SITE_FRAME(frame) __builtin_offsetof(frame, ac__awaiting)
/* One entry of a table, on a line that #line maps to the dialect file
 * (its file is __FILE__ there). */
#define AC__SITE(resume, func, expr, line, frame) \
    { resume, func, __FILE__, expr, line, AC__SITE_FRAME(frame) }

/* ====================================================================
 * 2. Futures
 * ==================================================================== */

/* A future of T is a small value { task, value }: task == NULL means it is
 * completed and `value` holds the result (no heap object at all); otherwise
 * the future owns `task`, pending or completed.  Declare a future for a new
 * type once per translation unit (in a header with an include guard), by a
 * name that is the type itself or its typedef:
 *     typedef struct point point;
 *     AC_FUTURE_DECLARE(point, point)            -> ac_future_point
 * and use ac_future(point) (or ac_future_point) in dialect files, generated
 * C and plain C alike; asyncc names every future of the type (also written
 * ac_future(struct point), or the result of `async struct point f()`)
 * ac_future_point.  A completed future is written
 *     (ac_future_point){ NULL, p }
 * AC_FUTURE_DECLARE also defines, for NAME:
 *     void ac_promise_set_NAME(ac_promise *p, T v)   see section 3. */
typedef struct ac_promise ac_promise;

#ifndef __ASYNCC_VIEW__

#define ac_future(T) ac_future_##T

/* clang warns when a call's future is dropped (-Wunused-result), in plain C
 * too; asyncc warns in dialect files (-Wunused-future). */
#ifdef __clang__
#define AC__MUST_USE __attribute__((warn_unused_result))
#else
#define AC__MUST_USE
#endif

#define AC_FUTURE_DECLARE(NAME, T)                                         \
    typedef struct AC__MUST_USE {                                          \
        ac_task *task;                                                     \
        T value;                                                           \
    } ac_future_##NAME;                                                    \
    __attribute__((unused)) static inline void ac_promise_set_##NAME(      \
        ac_promise *ac__p, T ac__v)                                        \
    {                                                                      \
        AC__RESULT(T, ac__p) = ac__v;                                      \
        ac_promise_complete(ac__p);                                        \
    }

void ac_promise_complete(ac_promise *);

/* void is special: no value. */
typedef struct AC__MUST_USE {
    ac_task *task;
} ac_future_void;
__attribute__((unused)) static inline void ac_promise_set_void(ac_promise *ac__p)
{
    ac_promise_complete(ac__p);
}

#else /* __ASYNCC_VIEW__: the compiler's typed view, a future is a pointer */

#define ac_future(T) __typeof__(__typeof__(T) __attribute__((address_space(7))) *)
/* A user's declaration also makes NAME a type (as it is where NAME is T or
 * T's typedef, which C11 lets one redeclare), so that ac_future(NAME) works
 * in the view as in plain C. */
#define AC__FUTURE_BUILTIN(NAME, T) typedef ac_future(T) ac_future_##NAME;
#define AC_FUTURE_DECLARE(NAME, T)                                         \
    typedef T NAME;                                                        \
    typedef ac_future(T) ac_future_##NAME;                                 \
    void ac_promise_set_##NAME(ac_promise *, T);
#define ac_wait(f) (*(f))

AC__FUTURE_BUILTIN(void, void)
void ac_promise_complete(ac_promise *);
void ac_promise_set_void(ac_promise *);

#endif /* __ASYNCC_VIEW__ */

#ifndef AC__FUTURE_BUILTIN
/* Object-like, so that NAME reaches the ## unexpanded (bool, a macro). */
#define AC__FUTURE_BUILTIN AC_FUTURE_DECLARE
#endif
typedef void *ac__ptr;
AC__FUTURE_BUILTIN(int, int)
AC__FUTURE_BUILTIN(long, long)
AC__FUTURE_BUILTIN(unsigned, unsigned)
AC__FUTURE_BUILTIN(size_t, size_t)
AC__FUTURE_BUILTIN(ssize_t, ssize_t)
AC__FUTURE_BUILTIN(bool, bool)
AC__FUTURE_BUILTIN(double, double)
AC__FUTURE_BUILTIN(ptr, ac__ptr)   /* void * */

#ifdef __ASYNCC_VIEW__
void ac_promise_set_int(ac_promise *, int);
void ac_promise_set_long(ac_promise *, long);
void ac_promise_set_unsigned(ac_promise *, unsigned);
void ac_promise_set_size_t(ac_promise *, size_t);
void ac_promise_set_ssize_t(ac_promise *, ssize_t);
void ac_promise_set_bool(ac_promise *, bool);
void ac_promise_set_double(ac_promise *, double);
void ac_promise_set_ptr(ac_promise *, void *);
#endif

/* T ac_wait(ac_future(T) f)
 * Blocks the calling thread until f completes, consumes f and returns its
 * value (nothing for void).  A completed future ({NULL, value}, e.g. from
 * an async call that finished synchronously) gives its value at once,
 * inline: a test and a copy, on any thread.  Otherwise it must not be
 * called on a pool worker (from inside a task): that would deadlock, so it
 * prints the call site and aborts.  In single-threaded mode the calling
 * thread runs the pool's tasks while it waits.  Starts the pool if
 * needed. */
void ac__wait(ac_task **, size_t, size_t, const char *, int);
#ifndef __ASYNCC_VIEW__
#define ac_wait(f)                                                         \
    __extension__({                                                        \
        __typeof__(f) ac__w = (f);                                         \
        if (__builtin_expect(ac__w.task != (void *)0, 0))                  \
            ac__wait(&ac__w.task, sizeof ac__w,                            \
                     _Alignof(__typeof__(ac__w)), __FILE__, __LINE__);     \
        _Generic(ac__w, ac_future_void: (void)0,                           \
                 default: _Generic(ac__w,                                  \
                                   ac_future_void: (struct { char value; }){0}, \
                                   default: ac__w).value);                 \
    })
#endif

/* void ac_detach(ac_future(T) f)
 * Gives f up (fire and forget): its task is freed when it completes, its
 * value is dropped. */
void ac__detach(ac_task *);
void ac__detach_view(const void *);
#ifndef __ASYNCC_VIEW__
#define ac_detach(f) ac__detach((f).task)
#else
#define ac_detach(f) ac__detach_view((const void *)(f))
#endif

/* ====================================================================
 * 3. Promises: futures completed by plain code, from any thread
 * ==================================================================== */

/* ac_promise *ac_promise_new(ac_future(T) *f)
 * Makes *f a pending future and returns its promise.  The producer completes
 * it exactly once, from any thread (pool worker or not), with
 * ac_promise_set_NAME(p, v) (ac_promise_set_void(p) for void); after that p
 * must not be used.  The consumer owns *f as usual; if it detaches f, the
 * promise is freed once completed.  A promise never completed leaks (and is
 * reported by ASYNCC_DEBUG and ac_shutdown).
 * Completed on a pool worker, the task awaiting *f runs at once, inside
 * ac_promise_set_NAME, until it next suspends or completes (symmetric
 * transfer, nested at most 8 deep, then queued): so complete a promise
 * after releasing any lock its awaiter may take (as with C#'s
 * TaskCompletionSource), and expect the awaiter's effects to be visible
 * when the call returns.  From any other thread the awaiter is queued. */
ac_promise *ac__promise_new(ac_task **, size_t, size_t);
ac_promise *ac__promise_new_view(const void *);
#ifndef __ASYNCC_VIEW__
#define ac_promise_new(f)                                                  \
    ac__promise_new(&(f)->task, sizeof *(f), _Alignof(__typeof__(*(f))))
#else
#define ac_promise_new(f) ac__promise_new_view((const void *)(f))
#endif

/* ====================================================================
 * 4. The pool
 * ==================================================================== */

typedef struct ac_config {
    /* Worker threads; 0 = $ASYNCC_WORKERS if set, else one per CPU. */
    unsigned workers;
    /* No worker threads: tasks run, in FIFO order, on the thread inside
     * ac_wait/ac_shutdown; timers and I/O are polled by that thread too.
     * Deterministic when no foreign thread completes promises.  Also
     * selected by ASYNCC_WORKERS=0. */
    bool single_threaded;
} ac_config;

/* int ac_start(const ac_config *cfg)
 * Starts the pool with `cfg` (NULL: defaults).  Returns 0, -EALREADY if it
 * is running, or -errno if a thread could not be created.  Optional: the
 * pool starts with defaults on first use. */
int ac_start(const ac_config *);

/* long ac_shutdown(uint64_t grace_ms)
 * Stops the pool: first waits up to `grace_ms` (UINT64_MAX: forever) for
 * runnable tasks and pending timers to drain, then stops and joins the
 * workers and the I/O thread.  Returns the number of tasks still
 * unfinished: runnable, sleeping on a timer or an I/O operation, or
 * suspended (live frames and tasks not yet consumed), 0 when clean; with
 * ASYNCC_DEBUG=1 each is listed on stderr with where it was created.  Tasks
 * left runnable stay queued and run if the pool starts again.  Must not be
 * called on a worker (-EDEADLK).  If the pool was not running, only
 * counts (and lists) what is live. */
long ac_shutdown(uint64_t);

/* Number of workers of the running pool (0 if stopped or single-threaded). */
unsigned ac_workers(void);

/* ac_future(void) ac_yield(void)
 * A future that is never completed: awaiting it always suspends, and the
 * awaiter resumes after one trip through the back of its worker's run queue
 * (behind the tasks already queued there, which run first; from a thread
 * that is not a worker, through the inject queue, so that `await ac_yield()`
 * moves a plain thread's task onto the pool).  The yield happens when the
 * future is awaited, not when ac_yield is called (like C#'s Task.Yield):
 * the call allocates and schedules nothing, and all yield futures share one
 * static task.  ac_wait(ac_yield()) returns once a worker has run the
 * waiter; ac_detach(ac_yield()) does nothing; ac_when_all/ac_when_any
 * treat it as an input that completes after one trip.  Inline: the call
 * is a constant. */
#ifndef __ASYNCC_VIEW__
static inline ac_future_void ac_yield(void)
{
    return (ac_future_void){&ac__yield_task};
}
#else
ac_future_void ac_yield(void);
#endif

/* ac_future(void *) ac_run(void *(*fn)(void *), void *arg)
 * Runs fn(arg) on a pool worker (Task.Run); the future holds its result.
 * fn is plain code: it must not block for long. */
ac_future_ptr ac_run(void *(*)(void *), void *);

/* ====================================================================
 * 5. Combinators (consume their inputs)
 * ==================================================================== */

/* ac_future(void) ac_when_all(ac_future(T) futs[], size_t n)
 * Completes when every futs[i] has completed.  The inputs are consumed: on
 * completion each futs[i] holds { NULL, value }: read it with `await futs[i]`
 * in an async function (at once: it is completed), ac_wait(futs[i]) in a
 * plain function of a dialect file (where futures are opaque), or
 * futs[i].value in a plain C file.
 * futs must stay valid (e.g. in the awaiting frame) until then.  If all are
 * already completed, returns a completed future without allocating.  All
 * elements have one future type T (void included). */
ac_future_void ac__when_all(ac_task **, size_t, size_t, size_t);
ac_future_void ac__when_all_view(const void *, size_t);

/* ac_future(size_t) ac_when_any(ac_future(T) futs[], size_t n)
 * Completes with the index i of the first input to complete; then
 * futs[i] == { NULL, value }.  All other inputs are consumed too (their
 * results are dropped and their tasks freed when they complete; their
 * elements are set to { NULL }).  n == 0 gives -EINVAL as the index cast to
 * size_t ((size_t)-EINVAL).  An input already completed wins at once
 * without allocating (lowest index first). */
ac_future_size_t ac__when_any(ac_task **, size_t, size_t, size_t);
ac_future_size_t ac__when_any_view(const void *, size_t);

#ifndef __ASYNCC_VIEW__
#define ac_when_all(futs, n)                                               \
    ac__when_all(&(futs)[0].task, (n), sizeof((futs)[0]),                  \
                 _Alignof(__typeof__((futs)[0])))
#define ac_when_any(futs, n)                                               \
    ac__when_any(&(futs)[0].task, (n), sizeof((futs)[0]),                  \
                 _Alignof(__typeof__((futs)[0])))
#else
#define ac_when_all(futs, n) ac__when_all_view((const void *)(futs), (n))
#define ac_when_any(futs, n) ac__when_any_view((const void *)(futs), (n))
#endif

/* ====================================================================
 * 6. Cancellation
 * ==================================================================== */

/* A cancellation token (CancellationTokenSource and token in one).  Ops
 * given a token complete with -ECANCELED once it is cancelled, unless they
 * completed first; an op started with an already cancelled token completes
 * at once with -ECANCELED.  Thread-safe.  The token must outlive every
 * operation it was given. */
typedef struct ac_cancel ac_cancel;

/* A new token, not cancelled; NULL only if out of memory. */
ac_cancel *ac_cancel_new(void);
/* Cancels: every registered operation completes with -ECANCELED.  Idempotent. */
void ac_cancel_trigger(ac_cancel *);
/* true once ac_cancel_trigger was called. */
bool ac_cancel_requested(const ac_cancel *);
/* Frees the token; no operation may still hold it (that aborts, naming
 * the ac_cancel_free call and the pending operation).  NULL: nothing. */
void ac_cancel_free(ac_cancel *);
void ac__cancel_free_at(ac_cancel *, const char *, int);
#define ac_cancel_free(c) ac__cancel_free_at((c), __FILE__, __LINE__)

/* ====================================================================
 * 7. Timers
 * ==================================================================== */

/* ac_future(void) ac_delay(uint64_t ms)
 * Completes after at least `ms` milliseconds (CLOCK_MONOTONIC); no worker
 * blocks.  ac_delay(0) still suspends until the timer thread fires it. */
ac_future_void ac_delay(uint64_t);
/* ac_future(int) ac_delay_cancel(uint64_t ms, ac_cancel *c)
 * As ac_delay; the value is 0 when the time elapsed, -ECANCELED if c was
 * cancelled first. */
ac_future_int ac_delay_cancel(uint64_t, ac_cancel *);

/* ====================================================================
 * 8. Non-blocking I/O (epoll, polled by a parked worker; docs/runtime.md)
 * ==================================================================== */

/* Each call first tries the operation at once: if it can finish, the
 * returned future is already completed (no allocation).  Otherwise it
 * completes when the fd is ready.  Values are what the syscall returns, or
 * -errno.  `c` may be NULL; cancelled ops complete with -ECANCELED.  At
 * most one pending read-side (read/recv/accept) and one write-side
 * (write/send/connect/write_all) operation per fd; a second gets -EBUSY.
 *
 * Descriptors: the first operation on an fd sets O_NONBLOCK on it (the
 * flag belongs to the open file, so other holders of it see the change,
 * e.g. a terminal shared with the shell).  Close with ac_close(fd).  A
 * descriptor closed with plain close() gives -EBADF on the next operation;
 * if its number was reused meanwhile, the runtime notices when an
 * operation has to wait, and re-registers the new file (ASYNCC_DEBUG=1
 * checks at every operation and reports the misuse on stderr).
 *
 * SIGPIPE: a write to a pipe or socket whose reader has gone gives -EPIPE
 * and never raises SIGPIPE (sockets are written with MSG_NOSIGNAL; other
 * descriptors with SIGPIPE blocked in the writing thread and a pending one
 * consumed).  The process's SIGPIPE disposition is left alone; the
 * runtime's own threads run with SIGPIPE blocked. */
ac_future_ssize_t ac_read(int, void *, size_t, ac_cancel *);
ac_future_ssize_t ac_write(int, const void *, size_t, ac_cancel *);
/* ac_future(ssize_t) ac_write_all(int fd, const void *buf, size_t len,
 *                                 ac_cancel *c)
 * Writes all len bytes (several write calls): value len, or -errno (bytes
 * already written are then lost to the caller: a failed stream is dead). */
ac_future_ssize_t ac_write_all(int, const void *, size_t, ac_cancel *);
ac_future_ssize_t ac_recv(int, void *, size_t, int, ac_cancel *);
ac_future_ssize_t ac_send(int, const void *, size_t, int, ac_cancel *);
/* ac_future(int) ac_accept(int fd, ac_cancel *c)
 * The new connection's fd (non-blocking, close-on-exec), or -errno. */
ac_future_int ac_accept(int, ac_cancel *);
/* 0 once connected, or -errno (e.g. -ECONNREFUSED). */
struct sockaddr;
ac_future_int ac_connect(int, const struct sockaddr *, unsigned, ac_cancel *);
/* int ac_set_nonblocking(int fd)
 * Sets O_NONBLOCK on fd: 0 or -errno.  (Optional: the first operation on
 * an fd does it.) */
int ac_set_nonblocking(int);
/* int ac_close(int fd)
 * Forgets everything the runtime knows about fd and closes it: 0 or -errno
 * (close's).  Pending operations on fd complete with -EBADF.  The close
 * also takes fd out of the runtime's epoll set (no epoll_ctl call); if
 * fd's file stays open elsewhere (a dup, a child), its events may still
 * name fd and make the operations of fd's next file retry once. */
int ac_close(int);
/* void ac_io_forget(int fd)
 * Forgets everything the runtime knows about fd without closing it (e.g.
 * before handing it to other code), and takes it out of the epoll set.
 * Pending operations on fd complete with -EBADF. */
void ac_io_forget(int);

/* ====================================================================
 * 9. Between tasks: mutex, semaphore, event, channel, timeout, signals
 *    (docs/sync.md)
 * ==================================================================== */

/* Each call that may wait returns a future instead of blocking: awaiting
 * it suspends the task, never a worker.  Waiters are served in FIFO order
 * (a release hands the resource to the oldest waiter; a newcomer cannot
 * overtake it).  `c` (may be NULL) is consulted only if the call has to
 * wait: a waiter whose token is cancelled completes with -ECANCELED and
 * gets nothing.  Every waiting call's future must be consumed as usual (a
 * detached ac_lock future that succeeds keeps the mutex locked).  The
 * objects are thread-safe; plain threads may use them with ac_wait. */

/* Waiting tasks, FIFO: internal to sync.c. */
struct ac__waitq {
    _Atomic int ac__lock;
    void *ac__head, *ac__tail;
};

/* A counting semaphore (C#'s SemaphoreSlim.WaitAsync).  ac__state is
 * count << 1 | waiters; count > 0 only while nobody waits. */
typedef struct ac_sem {
    _Atomic uintptr_t ac__state;
    struct ac__waitq ac__q;
} ac_sem;
#define AC_SEM_INIT(n) {.ac__state = (uintptr_t)(n) << 1}
void ac_sem_init(ac_sem *, unsigned long);
/* ac_future(int): 0 once a unit was taken, or -ECANCELED. */
ac_future_int ac_sem_acquire(ac_sem *, ac_cancel *);
/* Takes a unit if one is free and nobody waits: true, else false. */
bool ac_sem_try_acquire(ac_sem *);
/* Gives a unit back: to the oldest waiter, else to the count. */
void ac_sem_release(ac_sem *);

/* An async mutex: `await ac_lock(&m, NULL)` ... `ac_unlock(&m)`; it may
 * be held across awaits and released on another worker.  Uncontended,
 * lock and unlock are one compare-and-swap each (inline) and allocate
 * nothing.  ac_unlock of a mutex that is not locked aborts. */
typedef struct ac_mutex {
    ac_sem ac__sem;
} ac_mutex;
#define AC_MUTEX_INIT {AC_SEM_INIT(1)}
void ac_mutex_init(ac_mutex *);
ac_future_int ac__lock_slow(ac_mutex *, ac_cancel *);
void ac__unlock_slow(ac_mutex *);
#ifndef __ASYNCC_VIEW__
/* An operation that completed at once with v spends a unit of the
 * cooperative budget (AC__AWAIT_SUSPENDS above): {NULL, v}, or when the
 * unit was the last, on a worker, a task holding v that completes after
 * one trip through the back of the run queue (ac__coop_spent_int). */
ac_future_int ac__coop_spent_int(int);
static inline ac_future_int ac__coop_now_int(int ac__v)
{
    if (__builtin_expect(--ac__coop_left != 0, 1))
        return (ac_future_int){NULL, ac__v};
    return ac__coop_spent_int(ac__v);
}
/* ac_future(int) ac_lock(ac_mutex *m, ac_cancel *c)
 * 0 once m is locked by the caller, or -ECANCELED. */
static inline ac_future_int ac_lock(ac_mutex *ac__m, ac_cancel *ac__c)
{
    uintptr_t ac__free = 2;    /* count 1, no waiters */
    if (__builtin_expect(atomic_compare_exchange_strong_explicit(
                             &ac__m->ac__sem.ac__state, &ac__free, 0, memory_order_acquire,
                             memory_order_relaxed), 1))
        return ac__coop_now_int(0);
    return ac__lock_slow(ac__m, ac__c);
}
/* bool ac_trylock(ac_mutex *m)
 * Locks m if it is free: true, else false. */
static inline bool ac_trylock(ac_mutex *ac__m)
{
    uintptr_t ac__free = 2;
    return atomic_compare_exchange_strong_explicit(
        &ac__m->ac__sem.ac__state, &ac__free, 0, memory_order_acquire, memory_order_relaxed);
}
/* void ac_unlock(ac_mutex *m)
 * Unlocks m: the oldest waiter, if any, gets it. */
static inline void ac_unlock(ac_mutex *ac__m)
{
    uintptr_t ac__held = 0;     /* count 0, no waiters */
    if (!__builtin_expect(atomic_compare_exchange_strong_explicit(
                              &ac__m->ac__sem.ac__state, &ac__held, 2, memory_order_release,
                              memory_order_relaxed), 1))
        ac__unlock_slow(ac__m);
}
#else
ac_future_int ac_lock(ac_mutex *, ac_cancel *);
bool ac_trylock(ac_mutex *);
void ac_unlock(ac_mutex *);
#endif

/* An event (C#'s ManualResetEvent, asyncio.Event): waits complete once it
 * is set, at once while it stays set; reset makes later waits wait. */
typedef struct ac_event {
    _Atomic int ac__set;
    struct ac__waitq ac__q;
} ac_event;
#define AC_EVENT_INIT {.ac__set = 0}
void ac_event_init(ac_event *);
/* void ac_event_set(ac_event *e)
 * Sets e and wakes every waiter, oldest first. */
void ac_event_set(ac_event *);
void ac_event_reset(ac_event *);
bool ac_event_is_set(ac_event *);
/* ac_future(int) ac_event_wait(ac_event *e, ac_cancel *c)
 * 0 once e is set, or -ECANCELED. */
ac_future_int ac_event_wait(ac_event *, ac_cancel *);

/* A bounded multi-producer multi-consumer channel of fixed-size values
 * (C#'s Channel.CreateBounded, tokio's mpsc, Go's chan).  Values are
 * copied in and out (memcpy of elem_size bytes); capacity 0 makes a
 * rendezvous channel (a send waits for a receiver). */
typedef struct ac_chan ac_chan;
/* ac_chan *ac_chan_new(size_t elem_size, size_t capacity)
 * NULL if out of memory or elem_size == 0. */
ac_chan *ac_chan_new(size_t, size_t);
/* void ac_chan_free(ac_chan *ch)
 * Frees ch; nobody may be waiting on it (that aborts). */
void ac_chan_free(ac_chan *);
/* ac_future(int) ac_chan_send(ac_chan *ch, const void *elem, ac_cancel *c)
 * 0 once *elem was copied into ch (or to a receiver);
 * -EPIPE if ch is closed (now, or while waiting: the value is dropped);
 * -ECANCELED.  elem must stay valid until the future completes. */
ac_future_int ac_chan_send(ac_chan *, const void *, ac_cancel *);
/* ac_future(int) ac_chan_recv(ac_chan *ch, void *out, ac_cancel *c)
 * 0 once a value was copied to *out; -EPIPE once ch is
 * closed and empty; -ECANCELED.  out must stay valid until then. */
ac_future_int ac_chan_recv(ac_chan *, void *, ac_cancel *);
/* Without waiting: 0, -EAGAIN (full / empty) or -EPIPE (closed). */
int ac_chan_try_send(ac_chan *, const void *);
int ac_chan_try_recv(ac_chan *, void *);
/* void ac_chan_close(ac_chan *ch)
 * Closes ch: waiting senders get -EPIPE; receivers drain what is
 * buffered, then get -EPIPE.  Idempotent. */
void ac_chan_close(ac_chan *);
/* Values buffered now (a snapshot). */
size_t ac_chan_len(ac_chan *);

/* ac_future(T) ac_timeout(uint64_t ms, ac_future(T) f, ac_cancel *c)
 * for T = int, long or ssize_t: f's value if f completes within ms
 * milliseconds, else -ETIMEDOUT.  The loser is cancelled: if f wins, the
 * timer is stopped; if the time runs out, c (the token given to f's
 * operations) is triggered, and the result completes once f has
 * completed (so f's buffers are free again when the await returns): with
 * -ETIMEDOUT if f was cancelled, else with f's value (the cancellation
 * came too late: a lock f took or a value it received is never lost).  With c == NULL the result completes at the deadline and f is
 * detached: it runs on and its value is dropped (its buffers must outlive
 * it).  f is consumed; a completed f is returned as it is. */
ac_future_int ac__timeout_int(uint64_t, ac_future_int, ac_cancel *);
ac_future_long ac__timeout_long(uint64_t, ac_future_long, ac_cancel *);
ac_future_ssize_t ac__timeout_ssize_t(uint64_t, ac_future_ssize_t, ac_cancel *);
#ifndef __ASYNCC_VIEW__
#define ac_timeout(ms, f, c)                                               \
    _Generic((f), ac_future_int: ac__timeout_int,                          \
             ac_future_long: ac__timeout_long,                             \
             ac_future_ssize_t: ac__timeout_ssize_t)((ms), (f), (c))
#else
/* long and ssize_t are one type here (LP64) */
#define ac_timeout(ms, f, c)                                               \
    _Generic((f), ac_future(int): ac__timeout_int,                         \
             default: ac__timeout_long)((ms), (f), (c))
#endif

/* ac_future(int) ac_signal(int signo, ac_cancel *c)
 * Signo, once signal signo is delivered to the process
 * after this call; -EINVAL for a signal that cannot be caught;
 * -ECANCELED.  The first call for a signo installs the runtime's handler
 * for it (SA_RESTART; the previous disposition is not called), so e.g.
 * SIGINT stops killing the process: from then on every delivery completes
 * the ac_signal futures waiting at that time.  For a clean shutdown on
 * Ctrl-C: `await ac_signal(SIGINT, NULL)` beside the server's work.
 * ac_shutdown completes the waiting ones with -ECANCELED (nothing polls
 * for deliveries after it), and so does a call made while stopped. */
ac_future_int ac_signal(int, ac_cancel *);

/* ====================================================================
 * 10. Statistics and errors
 * ==================================================================== */

typedef struct ac_stats {
    uint64_t allocated;   /* frames and tasks allocated so far */
    uint64_t freed;       /* ... and freed */
    uint64_t live;        /* allocated - freed */
    uint64_t live_bytes;  /* bytes of live objects, size-class rounded */
    uint64_t slab_bytes;  /* memory reserved from the system for objects */
    uint64_t scheduled;   /* tasks handed to the scheduler (except an
                             `await ac_yield()` kept in its worker's
                             private back slot) */
    uint64_t steals;      /* tasks moved by work stealing */
} ac_stats;

/* Counters, summed over threads; exact when the pool is quiescent. */
void ac_stats_get(ac_stats *);

/* Text for a negative errno value (or 0): never NULL. */
const char *ac_strerror(long);

/* Writes to out one line per suspended async function: its name, the
 * file:line and text of the await it is suspended at, what that awaits (a
 * timer, an I/O operation on fd N, a promise, another task by name), for
 * how long, and who awaits it (docs/debugging.md).  Needs the live-task
 * registry, on when the environment sets ASYNCC_DEBUG=1 or ASYNCC_DUMP=1
 * (ASYNCC_DUMP=1 also dumps to stderr on SIGUSR1); without it, writes one
 * line saying so.  Returns the number of tasks listed, or -ENOTSUP when
 * the registry is off.  out is a FILE * (declared here by its tag, as
 * glibc and musl name it, so that asyncc.h need not include <stdio.h>). */
struct _IO_FILE;
int ac_dump_tasks(struct _IO_FILE *);

#endif /* ASYNCC_H */
