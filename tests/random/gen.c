/* gen.c - random dialect programs whose meaning is checkable (Csmith in
 * spirit).
 *
 *     gen SEED [UNITS] [-d DEPTH] [-k KINDS] [-K] [-z]    program on stdout
 *
 * A program holds UNITS independent units, seeds SEED .. SEED+UNITS-1;
 * `gen S 1` alone regenerates the unit of seed S.  A unit is a handful of
 * async functions u<S>_f0 .. fN calling one another (any of them, itself
 * included: the depth argument d bounds the recursion) over mixed values:
 * unsigned long, unsigned, int, double, a struct with an array member,
 * arrays, pointers to locals, and more kinds of locals (extra_decl: small
 * and wide integers, float, _Bool, typedef, const, anonymous struct, union,
 * 2-D array, struct pointer).  Awaits sit in expressions, call arguments,
 * conditions, loop headers, on either side of && || ?: and comma, in
 * initialisers; the statements are if/else, for/while/do with break and
 * continue, switch with fallthrough, goto forward and backward, blocks
 * that shadow outer names (params too, with another type), static locals
 * (also bumped through a macro), futures started and awaited later.
 * Every await of a child either completes at once or suspends through the
 * leaf sus(): ac_yield, ac_delay(0), a promise set by another task, a
 * promise set by another thread (ac_run).  Which one is fixed per await
 * site by the seed; main runs each unit three times: as the seed chose
 * (g_mode 0), never suspending (1), always suspending (2).
 *
 * -d bounds the recursion depth (3), -k forces the suspension policy of
 * every unit (0 never, 1 always, 2 mixed), -K steers clear of the open bugs
 * kept in found/, -z makes small functions (make test).
 *
 * Compiled with -DAC_SYNC the program includes sync.h, which maps the
 * dialect away: the same text is then its synchronous meaning.  The two
 * outputs must be equal.  Plain C leaves the order of calls within one
 * expression unspecified, where asyncc runs awaits in source order; so the
 * generator keeps every observable insensitive to that order:
 *   - an expression holding an await reads only locals and parameters that
 *     no call can change (callees see values, never a pointer to them);
 *   - the state callees do change is only added to: the global checksum
 *     g_ck, the slot *slot (a caller's `sl`, read by the caller only in
 *     statements without an await), a function's static local (bumped by
 *     one fixed map, and whose values are only added to g_ck);
 *   - a started future runs beside its starter, so between start and await
 *     the starter only assigns its own ordinary locals.
 * Everything is unsigned or kept small (no signed overflow), doubles stay
 * bounded (averages and halvings) and reach the checksum by their bits. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- random numbers (splitmix64: the same stream on every machine) ---- */
static uint64_t rng_state;

static uint64_t rng(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static int rnd(int n) { return (int)(rng() % (uint64_t)n); }
static int chance(int percent) { return rnd(100) < percent; }

/* ---- strings ---- */
static char *str(const char *fmt, ...)
{
    va_list ap;
    char *s;
    va_start(ap, fmt);
    if (vasprintf(&s, fmt, ap) < 0)
        abort();
    va_end(ap);
    return s;
}

/* ---- types and variables ---- */
/* The first NTYPES are the ones expressions are built of; the others are
 * declared, read as an unsigned long and written from one (extra_*). */
enum { UL, U, I, D, S, P, A, NTYPES,  /* P: unsigned *, A: unsigned[4] */
       UC = NTYPES, SH, LL, F, B, TD, CUL, AN, UN, M2, PS, NALL,
       VT = NALL,                       /* void, as a function's result */
       EN, ST };  /* a block-scope enum constant; a block's static (never read) */
static const char *tname[] = {"unsigned long", "unsigned", "int", "double",
                              "struct S", "unsigned *", "unsigned"};

static char *e_ul(int depth);
static char *e_d(int depth);
static int name_free(const char *name);

typedef struct {
    const char *name;
    int type;
    int level;  /* block nesting where declared: 0 parameters, 1 body */
    int ro;     /* loop counters and d: never assigned by random code */
} Var;

static Var vars[512];
static int nvars, level;
static const char *hide;  /* name being declared: its initialiser must not see it */

static int visible(int i)
{
    if (hide && !strcmp(vars[i].name, hide))
        return 0;
    for (int j = i + 1; j < nvars; j++)
        if (!strcmp(vars[j].name, vars[i].name))
            return 0;
    return 1;
}

/* A random visible variable of type t (writable if w), or -1. */
static int pick(int t, int w)
{
    int cand[512], n = 0;
    for (int i = 0; i < nvars; i++)
        if (vars[i].type == t && (!w || !vars[i].ro) && visible(i))
            cand[n++] = i;
    return n ? cand[rnd(n)] : -1;
}

/* A random visible variable of an extra type (writable if w), or -1. */
static int pick_extra(int w)
{
    int cand[512], n = 0;
    for (int i = 0; i < nvars; i++)
        if (vars[i].type >= NTYPES && vars[i].type < NALL && (!w || !vars[i].ro) && visible(i))
            cand[n++] = i;
    return n ? cand[rnd(n)] : -1;
}

/* An extra-type variable's value as an unsigned long expression. */
static char *extra_read(int v)
{
    const char *n = vars[v].name;
    switch (vars[v].type) {
    case F: return str("ckd((double)%s)", n);
    case TD: case CUL: return str("%s", n);
    case AN: return rnd(2) ? str("%s.a", n) : str("ckd(%s.b)", n);
    case UN: return str("%s.u", n);
    case M2: return str("(unsigned long)%s[%d][%d]", n, rnd(2), rnd(3));
    case PS: return rnd(2) ? str("%s->a", n) : str("(unsigned long)%s->c[%d]", n, rnd(3));
    default: return str("(unsigned long)%s", n);
    }
}

/* A statement assigning an extra-type variable. */
static char *extra_write(int v, int depth)
{
    const char *n = vars[v].name;
    switch (vars[v].type) {
    case UC: return str("%s = (unsigned char)(%s);", n, e_ul(depth));
    case SH: return str("%s = (short)((%s) & 0x3fff);", n, e_ul(depth));
    case LL: return str("%s = (long long)((%s) & 0xffffffff);", n, e_ul(depth));
    case F: return str("%s = (float)(%s);", n, e_d(depth));
    case B: return str("%s = (%s) != 0;", n, e_ul(depth));
    case TD: return str("%s %s= %s;", n, rnd(2) ? "+" : "", e_ul(depth));
    case AN: return rnd(2) ? str("%s.a = %s;", n, e_ul(depth)) : str("%s.b = %s;", n, e_d(depth));
    case UN: return rnd(2) ? str("%s.u = %s;", n, e_ul(depth)) : str("%s.d = %s;", n, e_d(depth));
    case M2: return str("%s[%d][(%s) %% 3] = (unsigned)(%s);", n, rnd(2), e_ul(depth + 1), e_ul(depth));
    case PS: return str("%s->a = %s;", n, e_ul(depth));
    default: return NULL;
    }
}

static void declare(const char *name, int type, int ro)
{
    vars[nvars++] = (Var){name, type, level, ro};
}

static void pop_level(void)
{
    while (nvars > 0 && vars[nvars - 1].level >= level)
        nvars--;
    level--;
}

/* ---- the unit being generated ---- */
enum { MAXF = 6 };
static int nfn, fn_rt[MAXF];
static unsigned long seed;
static int max_depth = 3, kinds_policy = -1;
static int avoid_known;
static int small;              /* -z: fewer, flatter statements (make test) */        /* -K: steer clear of the open bugs listed in main() */
static int unit_kind;          /* 0: never suspend, 1: always, 2: mixed */

/* per function */
static int cur_fn, call_budget, loop_mult, in_loop, breakable;
static int noawait;            /* >0: expressions may not await */
static int pure_only;          /* >0: statements only assign ordinary locals */
static int has_static, use_macro, nforward, pending[64], npending;
static int back_label, back_ok, back_used;
static int fp_fn;              /* the function `fp` points to, or -1 */
static int ind;

static void out(const char *fmt, ...)
{
    va_list ap;
    printf("%*s", ind * 4, "");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

/* How a result type is spelled in a function's header and in ac_future():
 * with -K one spelling per type that names one future type; without, any
 * (found/future_type_spelling.c). */
static const char *rtname(int t)
{
    if (t == VT)
        return "void";
    if (t == U)
        return avoid_known ? "unsigned int" : "unsigned";
    if (t == UL && !avoid_known && chance(40))
        return chance(50) ? "long unsigned" : "ul_t";
    return tname[t];
}

/* The kind of suspension for one await site: 0 completes at once, 1 yield,
 * 2 delay(0), 3 promise set by a task, 4 promise set by a thread. */
static int kind(void)
{
    if (unit_kind == 0)
        return 0;
    if (unit_kind == 1 || chance(50)) {
        int r = rnd(100);
        return r < 55 ? 1 : r < 65 ? 2 : r < 85 ? 3 : 4;
    }
    return 0;
}

static char *e_ul(int depth);
static char *e_d(int depth);
static char *e_s(int depth);
static char *e_p(int depth, int maxlevel);

static char *cond(int depth)
{
    switch (rnd(5)) {
    case 0: return str("(%s) > (%s)", e_ul(depth), e_ul(depth));
    case 1: return str("((%s) & 1) != 0", e_ul(depth));
    case 2: return str("(%s) < (%s)", e_d(depth), e_d(depth));
    case 3: return str("(%s) %% 3 != 0", e_ul(depth));
    default: return str("(%s) == (%s)", e_ul(depth), e_ul(depth));
    }
}

/* How to call unit function j: by name or through the local pointer fp. */
static char *callee(int j)
{
    if (j == fp_fn && chance(60))
        return chance(50) ? "fp" : "(*fp)";
    return str("u%lu_f%d", seed, j);
}

/* An awaited call of a unit function, or NULL when the budget is spent.
 * The callee's value converts to type want (UL, D or S). */
static char *call(int depth, int want)
{
    if (noawait || call_budget < loop_mult)
        return NULL;
    call_budget -= loop_mult;
    int j = rnd(nfn);
    char *c = str("await %s(d - 1, %s, %s, %s, %s)", callee(j), e_ul(depth + 1),
                  e_d(depth + 1), e_s(depth + 1), chance(50) ? "slot" : "&sl");
    char *alt = want == UL ? e_ul(depth + 1) : want == D ? e_d(depth + 1) : e_s(depth + 1);
    int rt = fn_rt[j];
    if (rt == VT)  /* (await f(...), value) */
        c = str("(%s, %s)", c, want == UL ? e_ul(depth + 1) : want == D ? e_d(depth + 1)
                                                             : e_s(depth + 1));
    else if (want == UL)
        c = rt == D ? str("ckd(%s)", c) : rt == S ? str("(%s).a", c)
                                                : str("(unsigned long)%s", c);
    else if (want == D)
        c = rt == D ? c : rt == S ? str("(%s).b", c) : str("(double)((%s) & 255)", c);
    else if (rt != S)
        c = rt == D ? str("mkS(7, %s)", c) : str("mkS(%s, 0.5)", c);
    return str("(d > 0 ? %s : %s)", c, alt);
}

static char *leaf_ul(void)
{
    int v;
    for (int tries = 0; tries < 4; tries++) {
        switch (rnd(10)) {
        case 0: if ((v = pick(UL, 0)) >= 0) return str("%s", vars[v].name); break;
        case 1: if ((v = pick(U, 0)) >= 0) return str("(unsigned long)%s", vars[v].name); break;
        case 2: if ((v = pick(I, 0)) >= 0) return str("(unsigned long)%s", vars[v].name); break;
        case 3: if ((v = pick(D, 0)) >= 0) return str("ckd(%s)", vars[v].name); break;
        case 4: if ((v = pick(S, 0)) >= 0) return chance(50) ? str("%s.a", vars[v].name)
                                          : str("(unsigned long)%s.c[%d]", vars[v].name, rnd(3));
                break;
        case 5: if ((v = pick(A, 0)) >= 0) return str("(unsigned long)%s[%d]", vars[v].name, rnd(4)); break;
        case 6: if ((v = pick(P, 0)) >= 0) return str("(unsigned long)*%s", vars[v].name); break;
        case 7: if ((v = pick_extra(0)) >= 0) return extra_read(v);
                if ((v = pick(EN, 0)) >= 0) return str("(unsigned long)%s", vars[v].name);
                break;
        default: return str("%luUL", chance(70) ? (unsigned long)rnd(100) : (unsigned long)(rng() >> 12));
        }
    }
    return str("%dUL", rnd(10));
}

static char *e_ul(int depth)
{
    int aw = !noawait;
    if (depth >= 3 || chance(25 + depth * 20) || (small && depth >= 2))
        return leaf_ul();
    static const char *ops[] = {"+", "-", "*", "^", "|", "&"};
    char *c;
    switch (rnd(aw ? 16 : 10)) {
    case 0: case 1:
        return str("(%s %s %s)", e_ul(depth + 1), ops[rnd(6)], e_ul(depth + 1));
    case 2: return str("(%s %s (%s & 15))", e_ul(depth + 1), chance(50) ? "<<" : ">>", e_ul(depth + 1));
    case 3: return str("(%s %s (%s | 1))", e_ul(depth + 1), chance(50) ? "/" : "%", e_ul(depth + 1));
    case 4: return str("(unsigned long)(%s)", cond(depth + 1));
    case 5: return str("(%s ? %s : %s)", cond(depth + 1), e_ul(depth + 1), e_ul(depth + 1));
    case 6: return str("(unsigned long)(%s %s %s)", e_ul(depth + 1), chance(50) ? "&&" : "||", e_ul(depth + 1));
    case 7: return str("mix(%s, %s)", e_ul(depth + 1), e_ul(depth + 1));
    case 8: return str("(unsigned long)(%s)%s", chance(50) ? "unsigned" : "unsigned char", e_ul(depth + 1));
    case 9: {
        int v = pick(A, 0);
        if (v >= 0)
            return str("(unsigned long)%s[(%s) & 3]", vars[v].name, e_ul(depth + 1));
        return str("(%s).a", e_s(depth + 1));
    }
    case 10: case 11: case 12:
        return str("await sus(%s, %d)", e_ul(depth + 1), kind());
    case 13:
        return str("(await sus(%s, %d), %s)", e_ul(depth + 1), kind(), e_ul(depth + 1));
    case 14:
        if ((c = e_p(depth + 1, 99)))
            return str("(unsigned long)*await sus_p(%s, %d)", c, kind());
        return str("await sus(%s, %d)", e_ul(depth + 1), kind());
    default:
        if ((c = call(depth, UL)))
            return c;
        return str("await sus(%s, %d)", e_ul(depth + 1), kind());
    }
}

static char *e_d(int depth)
{
    int v;
    if (depth >= 3 || chance(30 + depth * 20) || (small && depth >= 2)) {
        switch (rnd(4)) {
        case 0: if ((v = pick(D, 0)) >= 0) return str("%s", vars[v].name); break;
        case 1: if ((v = pick(S, 0)) >= 0) return str("%s.b", vars[v].name); break;
        case 2: return str("(double)(%s & 255)", leaf_ul());
        }
        return str("%d.%s", rnd(200) - 100, chance(50) ? "25" : "5");
    }
    char *c;
    switch (rnd(noawait ? 6 : 9)) {
    case 0: return str("((%s + %s) * 0.5)", e_d(depth + 1), e_d(depth + 1));
    case 1: return str("((%s - %s) * 0.5)", e_d(depth + 1), e_d(depth + 1));
    case 2: return str("(%s * 0.75)", e_d(depth + 1));
    case 3: return str("(-(%s))", e_d(depth + 1));
    case 4: return str("(%s ? %s : %s)", cond(depth + 1), e_d(depth + 1), e_d(depth + 1));
    case 5: return str("(%s).b", e_s(depth + 1));
    case 6: case 7: return str("await sus_d(%s, %d)", e_d(depth + 1), kind());
    default:
        if ((c = call(depth, D)))
            return c;
        return str("await sus_d(%s, %d)", e_d(depth + 1), kind());
    }
}

static char *e_s(int depth)
{
    int v;
    if (depth >= 3 || chance(35 + depth * 20) || (small && depth >= 2)) {
        if ((v = pick(S, 0)) >= 0)
            return str("%s", vars[v].name);
        return str("mkS(%s, %s)", leaf_ul(), e_d(3));
    }
    char *c;
    switch (rnd(noawait ? 2 : 4)) {
    case 0: return str("mkS(%s, %s)", e_ul(depth + 1), e_d(depth + 1));
    case 1: return str("(%s ? %s : %s)", cond(depth + 1), e_s(depth + 1), e_s(depth + 1));
    case 2: return str("await sus_s(%s, %d)", e_s(depth + 1), kind());
    default:
        if ((c = call(depth, S)))
            return c;
        return str("await sus_s(%s, %d)", e_s(depth + 1), kind());
    }
}

/* A pointer to an unsigned declared at a level <= maxlevel (so that it
 * outlives a pointer variable of that level), or NULL if there is none. */
static char *p_target(int maxlevel)
{
    int cand[512], n = 0;
    for (int i = 0; i < nvars; i++)
        if ((vars[i].type == U || vars[i].type == A) && vars[i].level <= maxlevel && visible(i))
            cand[n++] = i;
    if (!n)
        return NULL;
    Var *v = &vars[cand[rnd(n)]];
    if (v->type == U)
        return str("&%s", v->name);
    return str("&%s[%d]", v->name, rnd(4));
}

static char *e_p(int depth, int maxlevel)
{
    int v = pick(P, 0);
    if (v >= 0 && vars[v].level <= maxlevel && chance(50))
        return str("%s", vars[v].name);
    char *t = p_target(maxlevel);
    if (!t)
        return v >= 0 && vars[v].level <= maxlevel ? str("%s", vars[v].name) : NULL;
    if (!noawait && depth < 3 && chance(30))
        return str("await sus_p(%s, %d)", t, kind());
    return t;
}

/* ---- statements ---- */
static void block(int n);

/* Locals' names: some shadow the parameters, some are the names of the
 * lowering's own helpers (f__run, f__box, f__resume_1 ...). */
static const char *names[] = {"v0", "v1", "v2", "v3", "v4", "a", "x", "s", "t",
                              "run", "box", "ramp", "frame", "resume_1", "fr"};
static int nenum;              /* block-scope enum constants E0, E1 ... so far */

/* Declares one local at the current level, initialised. */
static int name_free(const char *name)
{
    for (int i = 0; i < nvars; i++)  /* no redeclaration in one scope (parameters */
        if ((vars[i].level == level || (level == 1 && vars[i].level == 0)) &&
            !strcmp(vars[i].name, name))  /* share the body's) */
            return 0;
    return 1;
}

/* The declaration of an extra-type local, or NULL if it cannot be made. */
static char *extra_decl(int t, const char *n)
{
    switch (t) {
    case UC: return str("unsigned char %s = (unsigned char)(%s);", n, e_ul(1));
    case SH: return str("short %s = (short)((%s) & 0x3fff);", n, e_ul(1));
    case LL: return str("long long %s = (long long)((%s) & 0xffffffff);", n, e_ul(1));
    case F: return str("float %s = (float)(%s);", n, e_d(1));
    case B: return str("_Bool %s = (%s) != 0;", n, e_ul(1));
    case TD: return str("ul_t %s = %s;", n, e_ul(0));
    case CUL: return str("const unsigned long %s = %s;", n, e_ul(0));
    case AN: return str("struct { unsigned long a; double b; } %s = {%s, %s};", n, e_ul(1), e_d(1));
    case UN: return rnd(2) ? str("union U %s = {.u = %s};", n, e_ul(1))
                           : str("union U %s = {.d = %s};", n, e_d(1));
    case M2: return str("unsigned %s[2][3] = {{(unsigned)(%s), 1, 2}, {3, (unsigned)(%s), 5}};", n,
                        e_ul(1), e_ul(2));
    default: {  /* PS: a pointer to a struct S that outlives it */
        int cand[512], k = 0;
        for (int i = 0; i < nvars; i++)
            if (vars[i].type == S && visible(i))
                cand[k++] = i;
        return k ? str("struct S *%s = &%s;", n, vars[cand[rnd(k)]].name) : NULL;
    }
    }
}

/* Declares one local (sometimes two in one declaration) at the current
 * level, initialised. */
static void decl(void)
{
    const char *name = names[rnd(sizeof names / sizeof *names)];
    if (!name_free(name))
        return;
    int t = chance(30) ? NTYPES + rnd(NALL - NTYPES) : rnd(NTYPES);
    char *init;
    hide = name;
    if (t >= NTYPES) {
        init = extra_decl(t, name);
        hide = NULL;
        if (init) {
            out("%s", init);
            declare(name, t, t == CUL);
        }
        return;
    }
    switch (t) {
    case UL: init = e_ul(0); break;
    case U: init = str("(unsigned)(%s)", e_ul(1)); break;
    case I: init = str("(int)((%s) & 0xffff)", e_ul(1)); break;
    case D: init = e_d(0); break;
    case S:
        init = chance(40) ? str("{%s, %s, {%s, 2, 3}}", e_ul(1), e_d(1), chance(50) ? "1" :
                                str("(unsigned)(%s)", e_ul(1)))
             : chance(30) ? str("{.b = %s, .a = %s}", e_d(1), e_ul(1))
                          : e_s(0);
        break;
    case A:
        init = str("{(unsigned)(%s), (unsigned)(%s), 3, (unsigned)(%s)}", e_ul(1), e_ul(2), e_ul(2));
        break;
    default:
        if (!(init = e_p(0, level))) {
            hide = NULL;
            return;
        }
    }
    hide = NULL;
    const char *brackets = t == A ? "[4]" : "";
    const char *name2 = names[rnd(sizeof names / sizeof *names)];
    if (t != P && chance(25) && strcmp(name2, name) && name_free(name2)) {
        /* `T a = e1, b = e2;`: e2 already sees a */
        declare(name, t, 0);
        hide = name2;
        char *init2 = t == UL ? e_ul(0) : t == U ? str("(unsigned)(%s)", e_ul(1))
                    : t == I ? str("(int)((%s) & 0xffff)", e_ul(1)) : t == D ? e_d(0)
                    : t == S ? e_s(0)
                    : str("{(unsigned)(%s), 1, 2, 3}", e_ul(1));
        hide = NULL;
        out("%s %s%s = %s, %s%s = %s;", tname[t], name, brackets, init, name2, brackets, init2);
        declare(name2, t, 0);
        return;
    }
    int same = t == P || t == A ? -1 : pick(t, 0);
    if (same >= 0 && chance(20))  /* __typeof__(another local of the type) */
        out("__typeof__(%s) %s = %s;", vars[same].name, name, init);
    else
        out("%s %s%s = %s;", tname[t], name, brackets, init);
    declare(name, t, 0);
}

static void assign(void)
{
    int v;
    for (int tries = 0; tries < 6; tries++) {
        switch (rnd(10)) {
        case 0: case 1:
            if ((v = pick(UL, 1)) < 0) break;
            switch (rnd(3)) {
            case 0: out("%s = %s;", vars[v].name, e_ul(0)); return;
            case 1: out("%s += %s;", vars[v].name, e_ul(0)); return;
            default: out("%s = mix(%s, %s);", vars[v].name, vars[v].name, e_ul(1)); return;
            }
        case 2:
            if ((v = pick(U, 1)) < 0) break;
            out("%s %s= (unsigned)(%s);", vars[v].name, chance(50) ? "^" : "", e_ul(1));
            return;
        case 3:
            if ((v = pick(I, 1)) < 0) break;
            out("%s = (int)((%s) & 0xffff);", vars[v].name, e_ul(1));
            return;
        case 4:
            if ((v = pick(D, 1)) < 0) break;
            if (chance(50)) out("%s = %s;", vars[v].name, e_d(0));
            else out("%s = (%s + %s) * 0.5;", vars[v].name, vars[v].name, e_d(1));
            return;
        case 5:
            if ((v = pick(S, 1)) < 0) break;
            switch (rnd(4)) {
            case 0: out("%s = %s;", vars[v].name, e_s(0)); return;
            case 1: out("%s.a = %s;", vars[v].name, e_ul(0)); return;
            case 2: out("%s.b = %s;", vars[v].name, e_d(0)); return;
            default: out("%s.c[(%s) %% 3] = (unsigned)(%s);", vars[v].name, e_ul(1), e_ul(1)); return;
            }
        case 6:
            if ((v = pick(A, 1)) < 0) break;
            out("%s[(%s) & 3] = (unsigned)(%s);", vars[v].name, e_ul(1), e_ul(1));
            return;
        case 7: {
            if ((v = pick(P, 1)) < 0) break;
            char *p;
            if (chance(40) && (p = e_p(0, vars[v].level)))
                out("%s = %s;", vars[v].name, p);
            else
                out("*%s %s= (unsigned)(%s);", vars[v].name, chance(50) ? "+" : "", e_ul(1));
            return;
        }
        case 8:
            if ((v = pick_extra(1)) < 0) break;
            out("%s", extra_write(v, 1));
            return;
        default:
            if (noawait) break;
            out("await sus(%s, %d);", e_ul(1), kind());
            return;
        }
    }
    if ((v = pick(UL, 1)) >= 0)
        out("%s ^= %s;", vars[v].name, e_ul(1));
    else
        out(";");
}

/* Adds the visible locals to g_ck: no await, so every value read is final. */
static void observe(void)
{
    int v = -1;
    for (int tries = 0; tries < 4 && v < 0; tries++)
        v = chance(30) ? pick_extra(0) : pick(rnd(NTYPES), 0);
    if (v < 0)
        return;
    if (vars[v].type >= NTYPES) {
        out("g_ck += %s;", extra_read(v));
        return;
    }
    const char *n = vars[v].name;
    switch (vars[v].type) {
    case UL: case U: case I: out("g_ck += (unsigned long)%s;", n); break;
    case D: out("g_ck += ckd(%s);", n); break;
    case S: out("g_ck += %s.a + ckd(%s.b) + %s.c[2];", n, n, n); break;
    case P: out("g_ck += *%s;", n); break;
    default: out("g_ck += %s[0] + %s[3];", n, n);
    }
}

static void stmt(int depth);

static void nested(int depth, int n)
{
    out("{");
    ind++;
    level++;
    if (!pure_only && chance(10)) {  /* a block-scope enum constant */
        out("enum { E%d = %d };", nenum, rnd(50));
        declare(str("E%d", nenum++), EN, 1);
    }
    block(n);
    const char *sn = names[rnd(sizeof names / sizeof *names)];
    if (!pure_only && chance(12) && name_free(sn)) {
        /* a static in a block: bumped by one fixed map, only added to g_ck */
        int e = pick(EN, 0);
        if (e >= 0)
            out("static unsigned long %s = %s;", sn, vars[e].name);
        else
            out("static unsigned long %s = %d;", sn, rnd(100));
        declare(sn, ST, 1);
        out("%s = %s * 3 + 1;", sn, sn);
        out("g_ck += %s;", sn);
    }
    for (int i = 0; i < n; i++)
        stmt(depth + 1);
    pop_level();
    ind--;
    out("}");
}

static void loop(int depth)
{
    int n = 1 + rnd(3), save_mult = loop_mult, save_loop = in_loop, save_brk = breakable;
    loop_mult *= n;
    in_loop = breakable = 1;
    const char *i = chance(50) ? "i" : "j";
    switch (rnd(3)) {
    case 0: {
        hide = i;
        char *init = chance(30) ? str("(int)((%s) & 1)", e_ul(1)) : str("0");
        hide = NULL;
        level++;
        declare(i, I, 1);
        char *c = chance(40) ? str(" && %s", cond(1)) : str("%s", "");
        char *step = chance(30) ? str("%s += 1 + (int)((%s) & 1)", i, e_ul(1)) : str("%s++", i);
        out("for (int %s = %s; %s < %d%s; %s)", i, init, i, n, c, step);
        nested(depth, 1 + rnd(3));
        pop_level();
        break;
    }
    case 1:
        out("{");
        ind++;
        level++;
        out("int w%d = 0;", depth);
        declare(str("w%d", depth), I, 1);
        out("while (w%d < %d%s) {", depth, n, chance(50) ? str(" && %s", cond(1)) : "");
        ind++;
        out("w%d++;", depth);
        nested(depth, 1 + rnd(3));
        ind--;
        out("}");
        pop_level();
        ind--;
        out("}");
        break;
    default:
        out("{");
        ind++;
        level++;
        out("int w%d = 0;", depth);
        declare(str("w%d", depth), I, 1);
        out("do");
        nested(depth, 1 + rnd(3));
        out("while (++w%d < %d%s);", depth, n, chance(50) ? str(" && %s", cond(1)) : "");
        pop_level();
        ind--;
        out("}");
    }
    loop_mult = save_mult;
    in_loop = save_loop;
    breakable = save_brk;
}

static void swtch(int depth)
{
    int save_brk = breakable;
    out("switch ((%s) & 3) {", e_ul(0));
    breakable = 1;
    for (int c = 0; c < 4; c++) {
        out(c == 3 ? "default:" : "case %d:", c);
        ind++;
        if (chance(80))
            nested(depth, 1 + rnd(2));
        out(c == 3 || chance(50) ? "break;" : "__attribute__((fallthrough));");
        ind--;
    }
    out("}");
    breakable = save_brk;
}

/* ac_future(T) fu = f(...); plain assignments; v = await fu; */
static void future(void)
{
    if (call_budget < loop_mult)
        return;
    call_budget -= loop_mult;
    int j = rnd(nfn), rt = fn_rt[j];
    if (rt == VT)  /* sync.h cannot spell a future of void as a value */
        return;
    out("if (d > 0) {");
    ind++;
    level++;
    out("ac_future(%s) fu = %s(d - 1, %s, %s, %s, %s);", rtname(rt), callee(j), e_ul(1),
        e_d(1), e_s(1), chance(50) ? "slot" : "&sl");
    declare("fu", -1, 1);
    noawait++;
    pure_only++;
    for (int n = rnd(3); n > 0; n--)
        assign();
    pure_only--;
    noawait--;
    int v = pick(UL, 1);
    const char *conv = rt == D ? "ckd(" : rt == S ? "(" : "(unsigned long)(";
    const char *tail = rt == S ? ").a" : ")";
    if (v >= 0)
        out("%s ^= %sawait fu%s;", vars[v].name, conv, tail);
    else
        out("g_ck += %sawait fu%s;", conv, tail);
    pop_level();
    ind--;
    out("}");
}

static char *ret_expr(int depth)
{
    switch (fn_rt[cur_fn]) {
    case UL: return e_ul(depth);
    case U: return str("(unsigned)(%s)", e_ul(depth));
    case D: return e_d(depth);
    case VT: return "";
    default: return e_s(depth);
    }
}

static void stmt(int depth)
{
    if (pure_only) {
        assign();
        return;
    }
    int r = rnd(100);
    if (depth >= (small ? 2 : 3))
        r = r % 40;
    if (r < 22) assign();
    else if (r < 27) observe();
    else if (r < 31 && has_static) {
        if (use_macro)
            out("BUMP_%d();", cur_fn);
        else
            out("st = st * 5 + 1;");
        out("g_ck += st;");
    } else if (r < 34) {
        noawait++;
        char *e = e_ul(1);
        noawait--;
        out("*slot += (unsigned)(%s);", e);
    } else if (r < 37) {
        int v = pick(UL, 1);
        if (v >= 0) out("%s ^= sl;", vars[v].name);
        else out("g_ck += sl;");
    } else if (r < 40 && depth > 0 && breakable) {
        out("if (%s) %s;", cond(1), in_loop && chance(50) ? "continue" : "break");
    } else if (r < 43 && nforward < 60) {
        int l = nforward++;
        out("if (%s) goto Lf%d;", cond(1), l);
        pending[npending++] = l;
    } else if (r < 45 && back_ok && !back_used) {
        back_used = 1;
        out("if (gb < 1 && %s) { gb++; goto Lb; }", cond(1));
    } else if (r < 48 && depth > 0) {
        char *c = cond(1), *e = ret_expr(0);
        out("if (%s) return%s%s;", c, *e ? " " : "", e);
    } else if (r < 58) {
        out("if (%s)", cond(0));
        nested(depth, 1 + rnd(3));
        if (chance(50)) {
            out("else");
            nested(depth, 1 + rnd(2));
        }
    } else if (r < 68) loop(depth);
    else if (r < 74) swtch(depth);
    else if (r < 80) nested(depth, 1 + rnd(3));
    else if (r < 85) future();
    else assign();
}

/* The declarations that open a block: 0..n. */
static void block(int n)
{
    for (int k = rnd(n + 1); k > 0; k--)
        decl();
}

/* Folds every visible local into the function's result. */
static void final_return(void)
{
    char *h = str("%s", "a");
    char *dd = str("%s", "x");
    for (int i = 0; i < nvars; i++) {
        if (!visible(i) || vars[i].level == 0)
            continue;
        const char *n = vars[i].name;
        switch (vars[i].type) {
        case UL: case U: case I: h = str("mix(%s, (unsigned long)%s)", h, n); break;
        case D: dd = str("((%s + %s) * 0.5)", dd, n); break;
        case S: h = str("mix(%s, %s.a + %s.c[0] + %s.c[1] + %s.c[2])", h, n, n, n, n);
                dd = str("((%s + %s.b) * 0.5)", dd, n); break;
        case P: h = str("mix(%s, *%s)", h, n); break;
        case A: h = str("mix(%s, %s[0] + %s[1] + %s[2] + %s[3])", h, n, n, n, n); break;
        default: if (vars[i].type >= NTYPES && vars[i].type < NALL) h = str("mix(%s, %s)", h, extra_read(i));
        }
    }
    switch (fn_rt[cur_fn]) {
    case UL: out("return mix(%s, ckd(%s));", h, dd); break;
    case U: out("return (unsigned)mix(%s, ckd(%s));", h, dd); break;
    case D: out("return (%s + (double)(%s & 255)) * 0.5;", dd, h); break;
    case VT: out("g_ck += mix(%s, ckd(%s));", h, dd); out("return;"); break;
    default: out("return mkS(%s, %s);", h, dd);
    }
}

static void function(int k)
{
    cur_fn = k;
    nvars = 0;
    level = 0;
    declare("d", I, 1);
    declare("a", UL, 0);
    declare("x", D, 0);
    declare("s", S, 0);
    has_static = chance(50);
    use_macro = has_static && chance(30);
    back_label = chance(30);
    back_used = 0;
    nforward = npending = 0;
    call_budget = rnd(4);
    loop_mult = 1;
    in_loop = breakable = 0;
    if (use_macro)
        printf("#define BUMP_%d() (st = st * 5 + 1)\n", k);
    printf("static async %s u%lu_f%d(int d, unsigned long a, double x, struct S s, unsigned *slot)\n{\n",
           rtname(fn_rt[k]), seed, k);
    ind = 1;
    level = 1;
    if (has_static)
        out("static unsigned long st = %lu;", (unsigned long)rnd(1000));
    out("unsigned sl = 0;");
    fp_fn = -1;
    if (chance(30)) {
        fp_fn = rnd(nfn);
        out("ac_future(%s) (*fp)(int, unsigned long, double, struct S, unsigned *) = u%lu_f%d;",
            rtname(fn_rt[fp_fn]), seed, fp_fn);
    }
    if (back_label)
        out("int gb = 0;");
    block(small ? 2 : 4);
    int n = small ? 2 + rnd(3) : 3 + rnd(6), label_at = back_label ? rnd(n) : -1;
    back_ok = 0;
    for (int i = 0; i < n; i++) {
        if (i == label_at) {
            printf("Lb:;\n");
            back_ok = 1;  /* gotos after this may jump back */
        }
        stmt(0);
        for (int p = 0; p < npending; p++)
            printf("Lf%d:;\n", pending[p]);
        npending = 0;
    }
    if (back_label && !back_used)
        out("if (gb < 1 && %s) { gb++; goto Lb; }", cond(1));
    out("g_ck += sl;");
    final_return();
    ind = 0;
    printf("}\n");
    if (use_macro)
        printf("#undef BUMP_%d\n", k);
    printf("\n");
}

static const char *result_hash[] = {
    [UL] = "r", [U] = "(unsigned long)r", [D] = "ckd(r)",
    [S] = "r.a ^ ckd(r.b) ^ r.c[0] ^ ((unsigned long)r.c[1] << 20) ^ ((unsigned long)r.c[2] << 40)"};

static void unit(unsigned long s)
{
    seed = s;
    rng_state = s * 0x2545f4914f6cdd1dULL + 1;
    nfn = small ? 2 + rnd(2) : 2 + rnd(MAXF - 1);
    unit_kind = kinds_policy >= 0 ? kinds_policy : rnd(3);
    int depth = 1 + rnd(max_depth);
    printf("/* ---- unit %lu: %d functions, depth %d, suspensions %s ---- */\n", s, nfn, depth,
           unit_kind == 0 ? "none" : unit_kind == 1 ? "at every await" : "mixed");
    for (int k = 0; k < nfn; k++) {
        static const int rts[] = {UL, U, D, S, VT};
        fn_rt[k] = k == 0 ? UL : rts[rnd(5)];
        printf("static async %s u%lu_f%d(int d, unsigned long a, double x, struct S s, unsigned *slot);\n",
               rtname(fn_rt[k]), s, k);
    }
    printf("\n");
    for (int k = 0; k < nfn; k++)
        function(k);
    printf("static void run_%lu(void)\n{\n", s);
    printf("    for (g_mode = 0; g_mode < 3; g_mode++) {\n");
    printf("        unsigned sl = 0;\n");
    printf("        struct S s0 = {%luUL, 1.5, {1, 2, 3}};\n", s);
    printf("        g_ck = 0;\n");
    printf("        unsigned long r = ac_wait(u%lu_f0(%d, %luUL, 0.25, s0, &sl));\n", s, depth,
           (unsigned long)rng());
    printf("        printf(\"unit %lu mode %%d: %%016lx %%016lx %%08x\\n\", g_mode, %s, g_ck, sl);\n",
           s, result_hash[UL]);
    printf("    }\n}\n\n");
}

static const char prologue[] =
    "#ifdef AC_SYNC\n"
    "#include \"sync.h\"\n"
    "#else\n"
    "#include <asyncc.h>\n"
    "#endif\n"
    "#include <stdio.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "\n"
    "struct S { unsigned long a; double b; unsigned c[3]; };\n"
    "union U { unsigned long u; double d; };\n"
    "typedef unsigned long ul_t;\n"
    "static unsigned long g_ck;  /* only ever added to: insensitive to call order */\n"
    "static int g_mode;          /* 0: as generated, 1: never suspend, 2: always */\n"
    "\n"
    "static unsigned long mix(unsigned long a, unsigned long b)\n"
    "{\n"
    "    return (a ^ (b + 0x9e3779b97f4a7c15UL + (a << 6) + (a >> 2))) * 0xff51afd7ed558ccdUL;\n"
    "}\n"
    "static unsigned long ckd(double x)\n"
    "{\n"
    "    unsigned long u;\n"
    "    memcpy(&u, &x, sizeof u);\n"
    "    return u;\n"
    "}\n"
    "static struct S mkS(unsigned long a, double b)\n"
    "{\n"
    "    struct S s = {a, b, {(unsigned)a, (unsigned)(a >> 8), 7u}};\n"
    "    return s;\n"
    "}\n"
    "\n"
    "struct setarg { ac_promise *p; long v; };\n"
    "static void *thread_set(void *arg)\n"
    "{\n"
    "    struct setarg *sa = arg;\n"
    "    ac_promise_set_long(sa->p, sa->v);\n"
    "    free(sa);\n"
    "    return NULL;\n"
    "}\n"
    "static async void task_set(ac_promise *p, long v)\n"
    "{\n"
    "    await ac_yield();\n"
    "    ac_promise_set_long(p, v);\n"
    "}\n"
    "/* The leaf every await reaches: completes at once or suspends, by kind. */\n"
    "static async unsigned long sus(unsigned long v, int kind)\n"
    "{\n"
    "    if (g_mode == 1)\n"
    "        kind = 0;\n"
    "    else if (g_mode == 2 && kind == 0)\n"
    "        kind = 1;\n"
    "    switch (kind) {\n"
    "    case 1:\n"
    "        await ac_yield();\n"
    "        break;\n"
    "    case 2:\n"
    "        await ac_delay(0);\n"
    "        break;\n"
    "    case 3: {\n"
    "        ac_future(long) fu;\n"
    "        ac_promise *p = ac_promise_new(&fu);\n"
    "        ac_detach(task_set(p, (long)v));\n"
    "        v = (unsigned long)await fu;\n"
    "        break;\n"
    "    }\n"
    "    case 4: {\n"
    "        ac_future(long) fu;\n"
    "        struct setarg *sa = malloc(sizeof *sa);\n"
    "        sa->p = ac_promise_new(&fu);\n"
    "        sa->v = (long)v;\n"
    "        ac_detach(ac_run(thread_set, sa));\n"
    "        v = (unsigned long)await fu;\n"
    "        break;\n"
    "    }\n"
    "    }\n"
    "    return v;\n"
    "}\n"
    "static async double sus_d(double v, int kind)\n"
    "{\n"
    "    await sus(0, kind);\n"
    "    return v;\n"
    "}\n"
    "static async struct S sus_s(struct S v, int kind)\n"
    "{\n"
    "    await sus(1, kind);\n"
    "    return v;\n"
    "}\n"
    "static async unsigned *sus_p(unsigned *v, int kind)\n"
    "{\n"
    "    await sus(2, kind);\n"
    "    return v;\n"
    "}\n"
    "\n";

int main(int argc, char **argv)
{
    unsigned long first = 0, n = 1;
    int pos = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-d") && i + 1 < argc)
            max_depth = atoi(argv[++i]);
        else if (!strcmp(argv[i], "-z"))
            small = 1;
        else if (!strcmp(argv[i], "-K"))
            avoid_known = 1;
        else if (!strcmp(argv[i], "-k") && i + 1 < argc)
            kinds_policy = atoi(argv[++i]);
        else if (pos == 0)
            first = strtoul(argv[i], NULL, 0), pos++;
        else
            n = strtoul(argv[i], NULL, 0), pos++;
    }
    if (pos == 0) {
        fprintf(stderr, "usage: gen SEED [UNITS] [-d MAXDEPTH] [-k 0|1|2] [-K] [-z]\n"
                        "  -z  small functions (fewer, flatter statements)\n"
                        "  -K  avoid the open bugs of found/: futures of one type\n"
                        "      spelled two ways\n");
        return 2;
    }
    printf("/* asyncc random program: gen %lu %lu -d %d", first, n, max_depth);
    if (kinds_policy >= 0)
        printf(" -k %d", kinds_policy);
    printf("%s%s */\n", avoid_known ? " -K" : "", small ? " -z" : "");
    fputs(prologue, stdout);
    for (unsigned long s = first; s < first + n; s++)
        unit(s);
    printf("int main(void)\n{\n");
    for (unsigned long s = first; s < first + n; s++)
        printf("    run_%lu();\n", s);
    printf("    return ac_shutdown(1000) != 0;\n}\n");
    return 0;
}
