// analyse.c: what an async body may not do.
//
// A suspension copies the live locals of an async function into its frame
// and returns; resuming copies them back.  Storage whose size is known only
// at run time cannot be laid out in the frame, and a stack position cannot
// survive the return, so these are rejected (SPEC.md §1):
//
// - a variable-length array still in scope at a later await of its block
//   (in a loop, an await before the declaration is fine: the array is
//   freed when the iteration's block ends);
// - alloca in a body that awaits: its storage lives until the function
//   returns, and the function returns at every suspension;
// - setjmp/longjmp in a body that awaits: a jump buffer holds the stack
//   frame, which a suspension leaves.

#include "acc.h"

#include <string.h>

typedef struct {
  Source *src;
  Facts *facts;
  int nawaits;
  const Node *first_await;
} Scan;

static const Fact *var_fact(const Facts *facts, int name_off) {
  for (int i = 0; i < facts->facts.len; i++) {
    const Fact *f = &facts->facts.data[i];
    if (f->kind == FK_VAR && f->name_off == name_off)
      return f;
  }
  return NULL;
}

static bool count_awaits(Node *n, void *ctx) {
  Scan *s = ctx;
  if (n->kind == ND_AWAIT && s->nawaits++ == 0)
    s->first_await = n;
  return true;
}

// The first await in the statements from n to the end of its list.
static const Node *await_after(Node *n) {
  Scan s = {0};
  for (; n; n = n->next)
    node_walk(n, count_awaits, NULL, &s);
  return s.first_await;
}

static bool check_vla_decl(Scan *s, Node *decl) {
  for (Node *var = decl->body; var; var = var->next) {
    const Fact *f = var->kind == ND_VAR ? var_fact(s->facts, var->name_off) : NULL;
    if (!f || !f->is_vla)
      continue;
    const Node *aw = await_after(decl->next);
    if (!aw)
      continue;
    diag_error(aw->off, "'await' while the variable-length array '%.*s' is in scope: "
               "its storage cannot be kept across a suspension",
               var->name_len, s->src->text + var->name_off);
    diag_note(var->name_off, "'%.*s' is declared here; use a fixed size or malloc",
              var->name_len, s->src->text + var->name_off);
    return false;
  }
  return true;
}

static bool check_node(Node *n, void *ctx) {
  Scan *s = ctx;
  if (n->kind == ND_DECL)
    return check_vla_decl(s, n);
  if (n->kind != ND_CALL)
    return true;
  static const char *const jumps[] = {
      "setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp", "__builtin_setjmp",
      "longjmp", "_longjmp", "siglongjmp", "__builtin_longjmp", NULL,
  };
  for (int i = 0; jumps[i]; i++)
    if (node_calls(s->src, n, jumps[i]))
      diag_error(n->off, "'%s' in an async function that awaits: a suspension "
                 "leaves the stack frame its jump buffer refers to", jumps[i]);
  if (node_calls(s->src, n, "alloca") || node_calls(s->src, n, "__builtin_alloca"))
    diag_error(n->off, "alloca in an async function that awaits: its storage "
               "cannot be kept across a suspension; use a fixed-size array or malloc");
  return true;
}

void an_check(Source *src, Facts *facts, AsyncFn *fn) {
  Scan s = {.src = src, .facts = facts};
  node_walk(fn->body, count_awaits, NULL, &s);
  if (s.nawaits == 0)
    return;   // never suspends: plain C rules are enough
  node_walk(fn->body, check_node, NULL, &s);
}
