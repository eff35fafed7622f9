// plan.c: what lower.c will print for an async function, decided before it
// prints anything: the awaits in the order they run, and the temporaries
// of linearised expressions with which of them are spilled to the frame.
//
// The walk follows lower.c's generator step for step (gen_stmt and lin):
// statements in the order their code is generated (a for loop's increment
// after its body), in a full expression each await after its own operand
// and the awaits in source order, `&&` `||` `?:` `,` in their order.  An
// await's value, the value of `a && b` and of `c ? x : y` with an await in
// them, is a temporary; it is spilled when another await runs between the
// moment it has its value and the moment the enclosing expression uses it
// (Roslyn's <>t__stack): `sum(await a, await b, await c)` spills the
// first two.  lower.c checks as it prints that it makes the same
// temporaries in the same order (an internal error otherwise).

#include "acc.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
  Source *src;
  Plan *plan;
  IntVec pending;   // temporaries whose value is not used yet
} Walk;

static bool is_op(Walk *w, Node *e, const char *op) {
  return e->oplen == (int)strlen(op) && !memcmp(w->src->text + e->op, op, e->oplen);
}

static bool is_void(const Fact *f) {
  return !f || !strcmp(f->ctype, "void");
}

static int new_temp(Walk *w, const char *type, const Fact *f, int await_no, int off) {
  Temp t = {.type = (char *)type, .await_no = await_no, .off = off,
            .size = f ? f->size : 4, .align = f ? f->align : 4};
  vec_push(&w->plan->temps, t);
  return w->plan->temps.len - 1;
}

static void ready(Walk *w, int t) {
  w->plan->temps.data[t].born = w->plan->awaits.len;
  vec_push(&w->pending, t);
}

// The temporaries made since mark are used now: spilled if an await ran
// since they got their values.
static void consume(Walk *w, int mark) {
  for (int k = mark; k < w->pending.len; k++) {
    Temp *t = &w->plan->temps.data[w->pending.data[k]];
    if (w->plan->awaits.len > t->born) {
      t->in_frame = true;
      t->used_after = w->plan->awaits.len;
    }
  }
  w->pending.len = mark;
}

static void expr(Walk *w, Node *e);
static void stmt(Walk *w, Node *s);
static void stmt_expr(Walk *w, Node *e, bool discard);

// An operand evaluated on its own (and its temporaries used) right away.
static void operand(Walk *w, Node *e) {
  int mark = w->pending.len;
  expr(w, e);
  consume(w, mark);
}

static void await(Walk *w, Node *e, bool discard) {
  operand(w, e->lhs);
  vec_push(&w->plan->awaits, e);
  if (!discard && !is_void(e->fact))
    ready(w, new_temp(w, e->fact->ctype, e->fact, w->plan->awaits.len, e->off));
}

// lower.c's rebuild: the children in source order.
static void children(Walk *w, Node *e) {
  NodeVec kids = node_children(e);
  for (int i = 0; i < kids.len; i++)
    expr(w, kids.data[i]);
}

static void expr(Walk *w, Node *e) {
  if (!node_has_await(e))
    return;
  switch (e->kind) {
  case ND_AWAIT:
    await(w, e, false);
    return;
  case ND_BINARY:
    if (node_has_await(e->rhs) && (is_op(w, e, "&&") || is_op(w, e, "||"))) {
      operand(w, e->lhs);
      int t = new_temp(w, "int", NULL, 0, e->off);
      operand(w, e->rhs);
      ready(w, t);
      return;
    }
    break;
  case ND_COND:
    if (node_has_await(e->then) || node_has_await(e->els)) {
      operand(w, e->cond);
      int t = is_void(e->fact) ? -1 : new_temp(w, e->fact->ctype, e->fact, 0, e->off);
      if (e->then)
        operand(w, e->then);
      operand(w, e->els);
      if (t >= 0)
        ready(w, t);
      return;
    }
    break;
  case ND_COMMA:
    operand(w, e->lhs);
    expr(w, e->rhs);
    return;
  case ND_STMT_EXPR:
    stmt_expr(w, e, false);
    return;
  default:
    break;
  }
  children(w, e);
}

// A full expression: its temporaries are used by its end.  Relative to
// the pending ones of an expression around it (a statement expression's
// statements are full expressions inside one).
static void full_expr(Walk *w, Node *e) {
  if (!e)
    return;
  int mark = w->pending.len;
  expr(w, e);
  consume(w, mark);
}

// lower.c's lin_stmt_expr: ({ ... }) holding an await, its statements
// where it stands, its value (that of its last statement, an expression)
// a temporary made before them.
static void stmt_expr(Walk *w, Node *e, bool discard) {
  Node *last = e->body->body;
  while (last && last->next)
    last = last->next;
  bool value = !discard && !is_void(e->fact) && last && last->kind == ND_EXPR_STMT && last->lhs;
  int t = value ? new_temp(w, e->fact->ctype, e->fact, 0, e->off) : -1;
  for (Node *item = e->body->body; item; item = item->next)
    if (item == last && value)
      operand(w, last->lhs);
    else
      stmt(w, item);
  if (t >= 0)
    ready(w, t);
}

static void stmt_for(Walk *w, Node *s) {
  stmt(w, s->init);   // a declaration, or an expression statement
  if (s->cond && node_has_await(s->cond))
    full_expr(w, s->cond);
  stmt(w, s->body);
  if (s->inc && node_has_await(s->inc))
    full_expr(w, s->inc);
}

static void stmt(Walk *w, Node *s) {
  if (!s)
    return;
  switch (s->kind) {
  case ND_BLOCK:
    for (Node *item = s->body; item; item = item->next)
      stmt(w, item);
    return;
  case ND_DECL:
    for (Node *v = s->body; v; v = v->next)
      if (v->kind == ND_VAR && v->init)
        full_expr(w, v->init);
    return;
  case ND_EXPR_STMT:
    if (s->lhs && s->lhs->kind == ND_AWAIT) {   // `await f();`: its value is dropped
      await(w, s->lhs, true);
    } else if (s->lhs && s->lhs->kind == ND_STMT_EXPR && node_has_await(s->lhs)) {
      stmt_expr(w, s->lhs, true);
    } else {
      full_expr(w, s->lhs);
    }
    return;
  case ND_RETURN:
    full_expr(w, s->lhs);
    return;
  case ND_IF:
    full_expr(w, s->cond);
    stmt(w, s->then);
    stmt(w, s->els);
    return;
  case ND_SWITCH: case ND_WHILE:
    full_expr(w, s->cond);
    stmt(w, s->body);
    return;
  case ND_DO:
    stmt(w, s->body);
    full_expr(w, s->cond);
    return;
  case ND_FOR:
    stmt_for(w, s);
    return;
  case ND_LABEL: case ND_CASE: case ND_DEFAULT:
    stmt(w, s->body);
    return;
  default:
    return;
  }
}

Plan *plan_build(Source *src, AsyncFn *fn) {
  Plan *p = arena_alloc(sizeof *p);
  Walk w = {.src = src, .plan = p};
  stmt(&w, fn->body);
  return p;
}

int plan_await_number(const Plan *p, const Node *await) {
  for (int k = 0; k < p->awaits.len; k++)
    if (p->awaits.data[k] == await)
      return k + 1;
  return 0;
}

int plan_spilled(const Plan *p) {
  int n = 0;
  for (int i = 0; i < p->temps.len; i++)
    n += p->temps.data[i].in_frame;
  return n;
}

static int by_int(const void *a, const void *b) {
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

// The awaits (plan numbers, sorted) that hoisted v lives across; the
// analysis numbers them in source order.
static int *live_numbers(const Plan *p, const Analysis *an, const Var *v) {
  int *nums = arena_alloc(sizeof(int) * (v->live_at.len + 1));
  for (int k = 0; k < v->live_at.len; k++)
    nums[k] = plan_await_number(p, an->awaits.data[v->live_at.data[k] - 1]);
  qsort(nums, v->live_at.len, sizeof(int), by_int);
  return nums;
}

void plan_dump(const Source *src, const AsyncFn *fn, const Plan *p, FILE *out) {
  const Analysis *an = fn->an;
  int nvars = an ? an->vars.len : 0;
  int **nums = arena_alloc(sizeof(int *) * (nvars + 1));
  for (int i = 0; i < nvars; i++)
    if (an->vars.data[i]->hoisted)
      nums[i] = live_numbers(p, an, an->vars.data[i]);
  fprintf(out, "plan of %s: %d awaits, %d temporaries, %d spilled\n", entry_user_name(fn),
          p->awaits.len, p->temps.len, plan_spilled(p));
  for (int k = 1; k <= p->awaits.len; k++) {
    int line, col;
    source_pos(src, p->awaits.data[k - 1]->off, &line, &col);
    fprintf(out, "  await %d at %d:%d; live across it:", k, line, col);
    int n = 0;
    for (int i = 0; i < nvars; i++) {
      const Var *v = an->vars.data[i];
      for (int j = 0; v->hoisted && j < v->live_at.len; j++)
        if (nums[i][j] == k) {
          fprintf(out, " %s", v->field);
          n++;
        }
    }
    for (int i = 0; i < p->temps.len; i++) {
      const Temp *t = &p->temps.data[i];
      if (t->in_frame && t->born < k && k <= t->used_after) {
        fprintf(out, " ac__t%d", i);
        n++;
      }
    }
    fprintf(out, "%s\n", n ? "" : " nothing");
  }
  for (int i = 0; i < p->temps.len; i++) {
    const Temp *t = &p->temps.data[i];
    fprintf(out, "  ac__t%d %s", i, t->type);
    if (t->await_no) {
      fprintf(out, ", the value of await %d", t->await_no);
    } else {
      int line, col;
      source_pos(src, t->off, &line, &col);
      fprintf(out, ", the value of the && || or ?: at %d:%d", line, col);
    }
    if (t->in_frame)
      fprintf(out, ", spilled across awaits %d to %d", t->born + 1, t->used_after);
    fputc('\n', out);
  }
  for (int i = 0; i < nvars; i++) {
    const Var *v = an->vars.data[i];
    if (!v->hoisted)
      continue;
    fprintf(out, "  local %.*s: field %s, live across awaits", v->name_len, src->text + v->name_off,
            v->field);
    for (int j = 0; j < v->live_at.len; j++)
      fprintf(out, " %d", nums[i][j]);
    fprintf(out, "%s\n", an_copied(an, v) ? "" : " (a frame field in the resume function)");
  }
}
