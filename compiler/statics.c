// statics.c: the static locals of an async function, decided before the
// function is printed.
//
// The body is printed once, in the run function, which is inlined into the
// ramp and into each resume function when optimising; a static local must
// stay one object: its declaration moves to file scope under a name of the
// generated code's own (ac__static_F_NAME, numbered when taken), so
// that it can collide neither with the user's names nor with the names the
// lowering gives its helpers (F__box, F__run, F__resume_1 ...), nor with a
// static of the same name in another block or function.  Every use is
// renamed, which needs the use's own text:
//
// - a use inside a macro's body has none (the macro's text is shared with
//   every other expansion), so it is refused rather than left naming
//   nothing (`#define BUMP() (hits++)` would lose its increment);
// - a declaration that names something declared inside the function (a
//   block-scope enum constant, typedef or tag, sizeof of a local) cannot
//   move to file scope, so it is refused too.

#include "acc.h"

#include <string.h>

// Every name given out in this file: names are unique across functions.
static VEC(char *) taken;

static bool name_taken(const char *name) {
  for (int i = 0; i < taken.len; i++)
    if (!strcmp(taken.data[i], name))
      return true;
  return false;
}

static char *new_name(const AsyncFn *fn, const char *text, int len) {
  char *name = arena_printf("ac__static_%s_%.*s", fn->name, len, text);
  for (int n = 2; name_taken(name); n++)
    name = arena_printf("ac__static_%s_%.*s_%d", fn->name, len, text, n);
  vec_push(&taken, name);
  return name;
}

typedef struct {
  Source *src;
  Facts *facts;
  AsyncFn *fn;
  StaticLocals *out;
} Find;

// Parameters and everything declared in the body.
static bool inside_body(const AsyncFn *fn, int off) {
  return off >= fn->params_off && off < fn->body_end;
}

// A fact inside the declaration d that names something declared inside
// the function other than a static local, or NULL.
static const Fact *local_reference(Find *f, Node *d) {
  for (int i = facts_lower_bound(f->facts, d->off); i < f->facts->facts.len; i++) {
    const Fact *x = &f->facts->facts.data[i];
    if (x->off >= d->end)
      break;
    int ref = x->kind == FK_DECLREF ? x->ref_off : x->kind == FK_TYPEREF ? x->type_decl_off : -1;
    if (ref < 0 || !inside_body(f->fn, ref) || (ref >= d->off && ref < d->end))
      continue;
    const Fact *v = x->kind == FK_DECLREF ? facts_var_at(f->facts, ref) : NULL;
    if (!v || !v->is_static)
      return x;
  }
  return NULL;
}

static bool type_is_foreign(Find *f, Node *d, const Fact *v) {
  int at = v->type_decl_off;
  return at >= 0 && inside_body(f->fn, at) && !(at >= d->off && at < d->end);
}

static void check_movable(Find *f, Node *d) {
  const Fact *x = local_reference(f, d);
  const Fact *v = facts_var_at(f->facts, d->body->name_off);
  int at = x ? x->off : v && type_is_foreign(f, d, v) ? d->type_off : -1;
  if (at < 0)
    return;
  diag_error(at, "this static local of an async function is moved to file scope, where "
             "'%.*s' is not visible: declare %s at file scope",
             x ? x->end - x->off : d->type_end - d->type_off, f->src->text + at,
             x ? "what it names" : "its type");
}

static bool find_static(Node *n, void *ctx) {
  Find *f = ctx;
  if (n->kind != ND_DECL || !n->body || n->body->kind != ND_VAR)
    return true;
  const Fact *first = facts_var_at(f->facts, n->body->name_off);
  if (!first || !first->is_static)
    return true;
  for (Node *v = n->body; v; v = v->next) {
    const Fact *fact = facts_var_at(f->facts, v->name_off);
    if (!fact)
      continue;
    StaticLocal s = {.fact = fact, .decl = n, .var = v,
                     .name = new_name(f->fn, f->src->text + v->name_off, v->name_len)};
    vec_push(f->out, s);
  }
  check_movable(f, n);
  return true;
}

StaticLocals statics_find(Source *src, Facts *facts, AsyncFn *fn) {
  StaticLocals out = {0};
  Find f = {.src = src, .facts = facts, .fn = fn, .out = &out};
  node_walk(fn->body, find_static, NULL, &f);
  return out;
}

const StaticLocal *statics_at(const StaticLocals *sl, int name_off) {
  for (int i = 0; i < sl->len; i++)
    if (sl->data[i].fact->name_off == name_off)
      return &sl->data[i];
  return NULL;
}

bool statics_moved(const StaticLocals *sl, const Node *decl) {
  for (int i = 0; i < sl->len; i++)
    if (sl->data[i].decl == decl)
      return true;
  return false;
}

// A use of a static local whose text is not its name: written in a
// macro's body, where renaming it would rewrite the whole invocation.
void statics_check_use(Source *src, const StaticLocal *s, const Fact *use) {
  int len = s->var->name_len;
  if (use->end - use->off == len && !memcmp(src->text + use->off, src->text + s->var->name_off, len))
    return;
  diag_error(use->off, "the static local '%.*s' is used inside this macro's body, which "
             "the lowering cannot rename (it moves to file scope): pass it to the macro "
             "as an argument, or declare it at file scope", len, src->text + s->var->name_off);
}
