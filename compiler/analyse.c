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
//   frame, which a suspension leaves;
// - the address of a label (&&l) in a body that awaits: when optimising,
//   the run function that holds the body is inlined into the ramp and
//   into each resume function, so the body exists several times.
//
// Then liveness (below) decides what the frame holds.

#include "acc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  Source *src;
  Facts *facts;
  int nawaits;
  const Node *first_await;
  bool check_jumps;     // VLA, alloca, setjmp: only matter when it awaits
  VEC(Node *) awaits;
  VEC(Node *) blocks;   // enclosing blocks, innermost last
  VEC(Node *) literals, literal_blocks;   // Analysis.literals
} Scan;

// Whether an expression node has an array type (before decaying).
static bool is_array_expr(const Node *n) {
  return n && n->fact && n->fact->is_array;
}

static bool count_awaits(Node *n, void *ctx) {
  Scan *s = ctx;
  if (n->kind == ND_AWAIT) {
    if (s->nawaits++ == 0)
      s->first_await = n;
    vec_push(&s->awaits, n);
  }
  return true;
}

static void leave_block(Node *n, void *ctx) {
  Scan *s = ctx;
  if (n->kind == ND_BLOCK)
    s->blocks.len--;
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
    const Fact *f = var->kind == ND_VAR ? facts_var_at(s->facts, var->name_off) : NULL;
    if (!f || !f->is_vla)
      continue;
    const Node *aw = await_after(decl->next);
    if (!aw)
      continue;
    if (f->is_array)
      diag_error(aw->off, "'await' while the variable-length array '%.*s' is in scope: "
                 "its storage cannot be kept across a suspension",
                 var->name_len, s->src->text + var->name_off);
    else   // a pointer to one: the resume's goto would enter its scope
      diag_error(aw->off, "'await' while '%.*s', of a variably modified type, is in scope: "
                 "the resumed code jumps into its scope, which C forbids",
                 var->name_len, s->src->text + var->name_off);
    diag_note(var->name_off, "'%.*s' is declared here; use a fixed size or malloc",
              var->name_len, s->src->text + var->name_off);
    return false;
  }
  return true;
}

// A typedef of a variably modified type (typedef int row[n];) in scope at
// an await: the resume's goto would jump into its scope, as for a VLA.
static void check_vm_typedef(Scan *s, Node *td) {
  const IntVec *vm = &s->facts->vm_typedefs;
  for (int i = 0; i < vm->len; i++) {
    int name = vm->data[i];
    if (name < td->off || name >= td->end)
      continue;
    const Node *aw = await_after(td->next);
    if (!aw)
      return;
    int len = tok_len(s->facts->tokens, name);
    diag_error(aw->off, "'await' while the typedef '%.*s', of a variably modified type, is "
               "in scope: the resumed code jumps into its scope, which C forbids",
               len, s->src->text + name);
    diag_note(name, "'%.*s' is declared here; use a fixed size, or declare the typedef in a "
              "block that ends before the await", len, s->src->text + name);
    return;
  }
}

// Calls that block the thread: on a pool worker they stall every task
// queued behind it (the seeds' Thread.Sleep and Task.Wait lessons).
static void warn_blocking(Scan *s, Node *call) {
  static const struct { const char *name, *instead; } calls[] = {
      {"sleep", "await ac_delay(ms)"},
      {"usleep", "await ac_delay(ms)"},
      {"nanosleep", "await ac_delay(ms)"},
      {"clock_nanosleep", "await ac_delay(ms)"},
      {"ac_wait", "await"},
      {"pthread_join", "await a future the thread completes (ac_run or a promise)"},
      {"pthread_cond_wait", "await a promise"},
      {"pthread_cond_timedwait", "await a promise"},
      {"sem_wait", "await a promise"},
      {"waitpid", "a promise completed from a SIGCHLD handler thread"},
      {"system", "ac_run(...) and await it"},
      {NULL, NULL},
  };
  for (int i = 0; calls[i].name; i++)
    if (node_calls(s->src, call, calls[i].name)) {
      diag_warn("blocking-call", call->off, "'%s' blocks a pool worker and every task queued behind it%s; "
                   "use %s", calls[i].name,
                   !strcmp(calls[i].name, "ac_wait") ? " (and deadlocks a single-threaded pool)"
                                                     : "",
                   calls[i].instead);
      return;
    }
}

// A compound literal lives until its block ends (C11 6.5.2.5p5).  One whose
// address outlives an await of its block (stored: p = (int[]){...},
// p = &(T){...}; or handed to an awaited call, which may use it while the
// function is suspended) cannot stay on the stack a suspension leaves: it
// becomes a frame field of its own for its whole block (lower.c), in a
// frame allocated on entry, as a local whose address is taken.
static void keep_literal(Scan *s, Node *lit) {
  for (int i = 0; i < s->literals.len; i++)
    if (s->literals.data[i] == lit)
      return;
  if (node_has_await(lit)) {
    diag_error(lit->off, "this compound literal's address outlives an await, and it awaits "
               "itself: declare it as a local instead");
    return;
  }
  // One kept literal inside another would need the outer's frame copy to
  // hold the inner's frame address: not lowered (the inner stayed on the
  // stack), so refused, whichever of the two is found first.
  for (int i = 0; i < s->literals.len; i++) {
    const Node *o = s->literals.data[i];
    if ((lit->off >= o->off && lit->end <= o->end) || (o->off >= lit->off && o->end <= lit->end)) {
      const Node *inner = lit->off >= o->off ? lit : o;
      diag_error(inner->off, "this compound literal's address outlives an await and is kept "
                 "in another compound literal that does too: declare the inner one as a "
                 "local instead");
      return;
    }
  }
  vec_push(&s->literals, lit);
  vec_push(&s->literal_blocks, s->blocks.data[s->blocks.len - 1]);
}

static bool is_address_of(const Scan *s, const Node *n) {
  return n->kind == ND_UNARY && n->oplen == 1 && s->src->text[n->op] == '&';
}

// A compound literal in an initializer or an assigned value whose address
// is what is stored: an array (it decays) or one under &, seen through
// what passes an address on (a cast, the branches of ?:, the right of a
// comma or an assignment, + and -, a macro's arguments, the items of an
// initializer list or of a compound literal), kept when an await follows
// in its block.  One handed to a function is its business,
// as in C.
static void find_stored_literal(Scan *s, Node *e) {
  if (!e)
    return;
  Node *lit = e->kind == ND_COMPOUND_LIT && is_array_expr(e) ? e
              : is_address_of(s, e) && e->lhs && e->lhs->kind == ND_COMPOUND_LIT ? e->lhs
              : NULL;
  const Node *block = s->blocks.len ? s->blocks.data[s->blocks.len - 1] : NULL;
  for (int i = 0; lit && block && i < s->awaits.len; i++) {
    const Node *aw = s->awaits.data[i];
    if (aw->off >= lit->end && aw->off < block->end) {
      keep_literal(s, lit);
      break;
    }
  }
  const TokenList *tl = s->facts->tokens;
  int t = e->kind == ND_CALL && e->lhs && e->lhs->kind == ND_IDENT ? tok_at(tl, e->lhs->off) : -1;
  switch (e->kind) {
  case ND_CAST: case ND_COMMA: case ND_ASSIGN:
    find_stored_literal(s, e->kind == ND_CAST ? e->lhs : e->rhs);
    break;
  case ND_COND:
    find_stored_literal(s, e->then);
    find_stored_literal(s, e->els);
    break;
  case ND_BINARY:
    if (e->oplen == 1 && strchr("+-", s->src->text[e->op])) {
      find_stored_literal(s, e->lhs);
      find_stored_literal(s, e->rhs);
    }
    break;
  case ND_CALL:
    for (Node *arg = e->args; t >= 0 && (tl->toks[t].flags & TF_MACRO) && arg; arg = arg->next)
      find_stored_literal(s, arg);
    break;
  case ND_UNARY:   // &(T){ ... }: what its initializers store is stored too
    if (is_address_of(s, e))
      find_stored_literal(s, e->lhs);
    break;
  case ND_COMPOUND_LIT:   // stored by value or by address: so are its items
    find_stored_literal(s, e->body);
    break;
  case ND_INIT_LIST:
    for (Node *item = e->body; item; item = item->next)
      find_stored_literal(s, item);
    break;
  case ND_DESIGNATED:
    find_stored_literal(s, e->rhs);
    break;
  default:
    break;
  }
}

// A compound literal handed to the operand of an await as an array (which
// decays) or through &.
static void check_literal_in_await(Scan *s, Node *lit) {
  for (int i = 0; i < s->awaits.len; i++) {
    const Node *aw = s->awaits.data[i];
    if (lit->off > aw->off && lit->end <= aw->end) {
      keep_literal(s, lit);
      return;
    }
  }
}

// alloca and the setjmp family (facts_stack_callees) leave storage or a
// jump buffer on the stack that a suspension leaves.
static bool is_alloca(const char *callee) {
  return strstr(callee, "alloca") != NULL;
}

static const char *why_stack_call(const char *callee) {
  return is_alloca(callee) ? "its storage cannot be kept across a suspension; use a "
                             "fixed-size array or malloc"
                           : "a suspension leaves the stack frame its jump buffer refers to";
}

static bool check_node(Node *n, void *ctx) {
  Scan *s = ctx;
  // When optimising, the run function is inlined into the ramp and each
  // resume function: an address taken in one copy and used after an await
  // would jump into another.
  if (n->kind == ND_LABEL_ADDR && s->check_jumps)
    diag_error(n->off, "the address of a label in an async function that awaits: its body "
               "is compiled twice (ramp and resume function), so the address could lead "
               "into the wrong copy; use a switch");
  if (n->kind == ND_BLOCK)
    vec_push(&s->blocks, n);
  if (n->kind == ND_COMPOUND_LIT && is_array_expr(n) && s->blocks.len)
    check_literal_in_await(s, n);
  if (is_address_of(s, n) && n->lhs && n->lhs->kind == ND_COMPOUND_LIT && s->blocks.len)
    check_literal_in_await(s, n->lhs);
  if (n->kind == ND_VAR)
    find_stored_literal(s, n->init);
  if (n->kind == ND_ASSIGN)
    find_stored_literal(s, n->rhs);
  if (n->kind == ND_TYPEDEF && s->check_jumps)
    check_vm_typedef(s, n);
  if (n->kind == ND_DECL)
    return !s->check_jumps || check_vla_decl(s, n);
  if (n->kind != ND_CALL)
    return true;
  warn_blocking(s, n);
  if (node_calls(s->src, n, "__builtin_choose_expr") && await_after(n->args)) {
    diag_error(await_after(n->args)->off, "'await' inside __builtin_choose_expr: only one "
               "operand is evaluated, which the lowering cannot tell; await before it");
    return false;
  }
  // Builtins that look at their operand without evaluating it.
  static const char *const unevaluated[] = {
      "__builtin_constant_p", "__builtin_object_size", "__builtin_dynamic_object_size",
      "__builtin_classify_type", NULL,
  };
  for (int i = 0; unevaluated[i]; i++)
    if (node_calls(s->src, n, unevaluated[i]) && await_after(n->args)) {
      diag_error(await_after(n->args)->off, "'await' inside %s, which does not evaluate "
                 "its operand: await before it", unevaluated[i]);
      return false;
    }
  if (!s->check_jumps)
    return true;
  for (int i = 0; facts_stack_callees[i]; i++) {
    const char *callee = facts_stack_callees[i];
    if (!node_calls(s->src, n, callee))
      continue;
    if (is_alloca(callee))
      diag_error(n->off, "alloca in an async function that awaits: %s", why_stack_call(callee));
    else
      diag_error(n->off, "'%s' in an async function that awaits: %s", callee,
                 why_stack_call(callee));
    break;
  }
  return true;
}

// --- liveness ------------------------------------------------------------
//
// A local must live in the frame when its value is needed after an await
// (Roslyn's rule): live.c decides it over a control-flow graph.  This walk
// collects what it needs: the locals with their scopes, their uses, the
// awaits, and which names are only written (x = e).

typedef struct {
  Source *src;
  Facts *facts;
  Analysis *an;
  VEC(Node *) scopes;   // the enclosing blocks and for statements, innermost last
  Node *decl;           // the declaration being walked
  Node *direct;         // an operand used in place: subscripted or sizeof'd
  IntVec writes;        // offsets of names only written (x = ...), in order
} Live;

static Var *new_var(Live *l, const Fact *f, int scope_end, bool is_param) {
  Var *v = arena_alloc(sizeof *v);
  v->fact = f;
  v->name_off = f->name_off;
  v->name_len = tok_len(l->facts->tokens, f->name_off);
  v->scope_end = scope_end;
  v->is_param = is_param;
  v->address_taken = false;   // arrays: see live_pre
  int n = l->an->vars.len;
  if (n && l->an->vars.data[n - 1]->name_off >= v->name_off)
    l->an->unsorted = true;
  vec_push(&l->an->vars, v);
  return v;
}

// Variables are added in source order, so by name offset: a binary
// search, unless a macro declared two at one offset (then a scan).
Var *an_var_at(const Analysis *an, int name_off) {
  int lo = 0, hi = an->vars.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (an->vars.data[mid]->name_off < name_off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < an->vars.len && an->vars.data[lo]->name_off == name_off)
    return an->vars.data[lo];
  for (int i = 0; an->unsorted && i < an->vars.len; i++)
    if (an->vars.data[i]->name_off == name_off)
      return an->vars.data[i];
  return NULL;
}

// The variable a name expression refers to, or NULL.
static Var *var_of(Live *l, const Node *n) {
  if (n->kind != ND_IDENT || !n->fact || n->fact->kind != FK_DECLREF)
    return NULL;
  return an_var_at(l->an, n->fact->ref_off);
}

// &x, &x.f, &x.a[i], &x.f.g: the base variable x, through members
// reached with `.` and subscripts of arrays (not of pointers: &p[i] and
// &p->f do not take p's address).
static Node *address_base(const Source *src, Node *n) {
  while (n && ((n->kind == ND_MEMBER && src->text[n->op] == '.') ||
               (n->kind == ND_INDEX && is_array_expr(n->lhs))))
    n = n->lhs;
  return n;
}

// The local an assignment or increment modifies (through `.` and array
// subscripts), if any.
static void mark_written(Live *l, Node *lvalue) {
  Var *v = lvalue ? var_of(l, address_base(l->src, lvalue)) : NULL;
  if (v)
    v->written = true;
}

static bool live_pre(Node *n, void *ctx) {
  Live *l = ctx;
  switch (n->kind) {
  case ND_BLOCK: case ND_FOR:
    vec_push(&l->scopes, n);
    break;
  case ND_DECL:
    l->decl = n;
    break;
  case ND_VAR: {
    const Fact *f = facts_var_at(l->facts, n->name_off);
    if (f && !f->is_static && !f->is_extern) {
      Node *scope = l->scopes.data[l->scopes.len - 1];
      Var *v = new_var(l, f, scope->end, false);
      v->scope = scope;
      v->live_from = n->end;
      v->decl = l->decl;
      v->node = n;
    }
    break;
  }
  case ND_AWAIT:
    vec_push(&l->an->awaits, n);
    break;
  // An array (a local, or a member reached with `.`) decays to a pointer
  // into the local, which may be kept: the local's address is taken, unless
  // the array is used in place (a[i], sizeof a).
  case ND_INDEX:   // m[1] of an int m[2][3] is itself an array that may decay
    if (n != l->direct && is_array_expr(n)) {
      Var *v = var_of(l, address_base(l->src, n));
      if (v)
        v->address_taken = true;
    }
    l->direct = n->lhs;
    break;
  case ND_SIZEOF: case ND_ALIGNOF:
    l->direct = n->lhs;
    break;
  case ND_IDENT: {
    Var *v = var_of(l, n);
    if (v && v->fact->is_array && n != l->direct)
      v->address_taken = true;
    break;
  }
  case ND_MEMBER:
    if (l->src->text[n->op] == '.' && n != l->direct && is_array_expr(n)) {
      Var *v = var_of(l, address_base(l->src, n));
      if (v)
        v->address_taken = true;
    }
    break;
  case ND_ASSIGN:   // `x = e` writes x without reading it
    if (n->oplen == 1 && n->lhs && n->lhs->kind == ND_IDENT)
      vec_push(&l->writes, n->lhs->off);
    mark_written(l, n->lhs);
    break;
  case ND_POSTFIX:   // x++, x--
    mark_written(l, n->lhs);
    break;
  case ND_ASM:   // its operands are text to the tree: any local named may be an output
    for (int i = facts_lower_bound(l->facts, n->off); i < l->facts->facts.len; i++) {
      const Fact *f = &l->facts->facts.data[i];
      if (f->off >= n->end)
        break;
      Var *v = f->kind == FK_DECLREF ? an_var_at(l->an, f->ref_off) : NULL;
      if (v)
        v->written = true;
    }
    break;
  case ND_UNARY:
    if (l->src->text[n->op] == '&' && n->oplen == 1) {
      Var *v = var_of(l, address_base(l->src, n->lhs));
      if (v)
        v->address_taken = true;
    }
    if (n->oplen == 2 && (l->src->text[n->op] == '+' || l->src->text[n->op] == '-'))
      mark_written(l, n->lhs);   // ++x, --x
    break;
  default:
    break;
  }
  return true;
}

static void live_post(Node *n, void *ctx) {
  Live *l = ctx;
  if (n->kind == ND_BLOCK || n->kind == ND_FOR)
    l->scopes.len--;
}

// Whether the variable holds a value at the await: after its declarator
// (an await in its own initializer runs before it has one) and in scope.
static bool in_scope_at(const Var *v, const Node *await) {
  return await->off >= v->live_from && await->off < v->scope_end;
}

// Every name use, filed under the variable it refers to: one pass over
// the facts instead of one per variable and await.
static void collect_uses(Live *l, const AsyncFn *fn) {
  for (int i = facts_lower_bound(l->facts, fn->body_off); i < l->facts->facts.len; i++) {
    const Fact *f = &l->facts->facts.data[i];
    if (f->off >= fn->body_end)
      break;
    Var *v = f->kind == FK_DECLREF ? an_var_at(l->an, f->ref_off) : NULL;
    if (!v)
      continue;
    vec_push(&v->uses, f->off);
    // A use inside a macro's body may modify it: the tree cannot tell.
    if (f->end - f->off != v->name_len ||
        memcmp(l->src->text + f->off, l->src->text + v->name_off, v->name_len))
      v->written = true;
    // Nor can it see a macro's body take the address of, or write, a
    // name given as its argument (facts.c, note_use_effect).
    v->address_taken |= f->addr_of;
    v->written |= f->modifies;
  }
}

// Frame field names: the variable's own name, numbered when an inner
// variable of the same name is hoisted too, and again while that is taken
// (the user has an x_2 too, or a macro x_2 anywhere in the translation
// unit, which would replace the field's name where the generated code
// spells it).  A name is taken when it is a variable's name or a field
// named before; both are kept in a hash set of strings, so
// that a body with many locals is not quadratic.
typedef struct {
  const char **keys;   // NULL: empty
  int *counts;         // with names: how many hoisted variables bear it so far
  int cap, len;
} NameSet;

// The slot of s[0..n) in the set: its key, or the empty slot for it.
static int name_slot(const NameSet *ns, const char *s, int n) {
  for (unsigned i = text_hash(s, n) & (ns->cap - 1);; i = (i + 1) & (ns->cap - 1))
    if (!ns->keys[i] || ((int)strlen(ns->keys[i]) == n && !memcmp(ns->keys[i], s, n)))
      return i;
}

static int name_add(NameSet *ns, const char *s, int n) {
  int i = name_slot(ns, s, n);
  if (!ns->keys[i]) {
    ns->keys[i] = arena_strndup(s, n);
    ns->len++;
  }
  return i;
}

static bool field_taken(const NameSet *names, const Facts *facts, const char *field) {
  int n = strlen(field);
  return names->keys[name_slot(names, field, n)] || text_set_has(&facts->field_macros, field, n);
}

static void name_fields(Analysis *an, Source *src, const Facts *facts) {
  NameSet names = {.cap = 16};
  while (names.cap < 4 * an->vars.len + 4)   // every name and field: at most half full
    names.cap *= 2;
  names.keys = arena_alloc(sizeof(char *) * names.cap);
  names.counts = arena_alloc(sizeof(int) * names.cap);
  for (int i = 0; i < an->vars.len; i++) {
    Var *v = an->vars.data[i];
    name_add(&names, src->text + v->name_off, v->name_len);
  }
  for (int i = 0; i < an->vars.len; i++) {
    Var *v = an->vars.data[i];
    if (!v->hoisted)
      continue;
    const char *name = src->text + v->name_off;
    int same = names.counts[name_slot(&names, name, v->name_len)]++;
    v->field = same ? arena_printf("%.*s_%d", v->name_len, name, same + 1)
                    : arena_strndup(name, v->name_len);
    while (same && field_taken(&names, facts, v->field))
      v->field = arena_printf("%.*s_%d", v->name_len, name, ++same + 1);
    name_add(&names, v->field, strlen(v->field));
  }
}

bool an_copied(const Analysis *an, const Var *v) {
  (void)v;
  return !an->heap_at_entry;
}

// A hoisted local whose type is declared inside the function (or has no
// name) cannot be spelled by the frame, which is declared at file scope:
// its field is bytes of its size and alignment.  A copied local needs no
// spelling (only the copies touch the bytes); one that stays a frame field
// is reached through a block-scope typedef that repeats its declaration
// (lower.c, `typedef SPEC ac__T_x;`), which cannot take a `register`
// storage class or an alignment specifier.
static void check_local_type(Source *src, Analysis *an, Var *v) {
  if (!v->hoisted || !v->fact->local_type || an_copied(an, v))
    return;
  if (v->fact->is_register || v->fact->align_text)
    diag_error(v->name_off, "'%.*s' lives across an await in a frame allocated on entry (%s) "
               "and its type is declared inside the async function: a typedef repeats its "
               "declaration, which cannot take %s: drop it or declare the type at file scope",
               v->name_len, src->text + v->name_off,
               an->literals.len ? "a compound literal's address outlives an await"
                                : "a local's address is taken",
               v->fact->is_register ? "'register'" : "its alignment");
}

// A hoisted local that is a plain local of the run function gets its value
// back at each resume label: by assignment if it is `register` (no
// address), bytewise otherwise.  A const one cannot be assigned, so a
// `register const` one has no way back.  (One in a frame allocated on
// entry stays a field, which the declaration initialises.)
static void check_register_const(Source *src, Analysis *an, Var *v) {
  if (v->hoisted && an_copied(an, v) && v->fact->is_register && v->fact->is_const)
    diag_error(v->name_off, "'%.*s' lives across an await and is both 'register' and const: "
               "its value is copied back after the await, which neither an assignment (const) "
               "nor a copy of its bytes (register: no address) can do; drop 'register'",
               v->name_len, src->text + v->name_off);
}

static void live_at(Var *v, int k) {
  if (!v->hoisted)
    v->live_across = k;
  v->hoisted = true;
  vec_push(&v->live_at, k);
}

// Hoists the locals live across each await (live.c), in scope there; a
// local whose address was taken may be reached through a pointer after any
// await in its scope (when_all's array), so it is taken as live at all.
// A jump out of a statement expression that holds no await is copied as
// written, so it would leave the scope of a local whose cleanup the
// lowering calls (Var.cleanup) without calling it.
typedef struct {
  Source *src;
  Var *v;
  int depth;            // loops inside the statement expression (continue stays)
  int breaks;           // ... and switches (break stays)
} JumpScan;

static bool is_loop(const Node *n) {
  return n->kind == ND_WHILE || n->kind == ND_DO || n->kind == ND_FOR;
}

static bool jump_pre(Node *n, void *ctx) {
  JumpScan *j = ctx;
  // (a return is refused in any such statement expression: plain_jump_pre)
  if (n->kind == ND_GOTO || (n->kind == ND_BREAK && !j->breaks) ||
      (n->kind == ND_CONTINUE && !j->depth))
    diag_error(n->off, "a jump out of a statement expression in the scope of '%.*s', "
               "whose cleanup the lowering calls on each exit of its block: jump after "
               "the statement expression", j->v->name_len, j->src->text + j->v->name_off);
  j->depth += is_loop(n);
  j->breaks += is_loop(n) || n->kind == ND_SWITCH;
  return true;
}

static void jump_post(Node *n, void *ctx) {
  JumpScan *j = ctx;
  j->depth -= is_loop(n);
  j->breaks -= is_loop(n) || n->kind == ND_SWITCH;
}

typedef struct {
  Source *src;
  Var *v;
} CleanupScan;

static bool find_plain_stmt_exprs(Node *n, void *ctx) {
  CleanupScan *c = ctx;
  if (n->kind != ND_STMT_EXPR || node_has_await(n))
    return true;
  if (n->off >= c->v->name_off && n->end <= c->v->scope_end) {
    JumpScan j = {c->src, c->v, 0, 0};
    node_walk(n->body, jump_pre, jump_post, &j);
  }
  return false;
}

// The lowering calls a cleanup as f(&x) at each exit of x's scope, also
// from inside inner blocks: another x or f declared there (a local, an
// enum constant, a typedef, a function) would be the one the call names.
// Refused.
static void check_cleanup_shadow(Source *src, Facts *facts, const Var *v, int off) {
  if (off <= v->name_off || off >= v->scope_end)
    return;
  int len = facts->tokens->toks[tok_at(facts->tokens, off)].len;
  const char *name = src->text + off, *fn = v->fact->cleanup_fn;
  if (len == v->name_len && !memcmp(name, src->text + v->name_off, len))
    diag_error(off, "'%.*s' is declared again in the scope of a local of that name "
               "with a cleanup attribute, whose cleanup the lowering calls by name on each "
               "exit: rename one of them", len, name);
  else if (fn && (int)strlen(fn) == len && !memcmp(name, fn, len))
    diag_error(off, "'%.*s' is declared in the scope of '%.*s', whose cleanup the lowering "
               "calls by name, %s(&%.*s), on each exit: rename one of them", len, name,
               v->name_len, src->text + v->name_off, fn, v->name_len,
               src->text + v->name_off);
}

static int by_offset(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

static void check_cleanup_name(Source *src, Facts *facts, AsyncFn *fn, const Var *v) {
  const Analysis *an = fn->an;
  IntVec names = {0};   // every declaration in the function, in source order
  for (int i = 0; i < an->vars.len; i++)
    if (an->vars.data[i] != v)
      vec_push(&names, an->vars.data[i]->name_off);
  for (int i = 0; i < facts->other_decls.len; i++)
    vec_push(&names, facts->other_decls.data[i]);
  if (names.len)
    qsort(names.data, names.len, sizeof(int), by_offset);
  for (int i = 0; i < names.len; i++)
    check_cleanup_shadow(src, facts, v, names.data[i]);
}

static void mark_live(Source *src, AsyncFn *fn, const IntVec *writes) {
  Analysis *an = fn->an;
  IntVec *live = arena_alloc(sizeof(IntVec) * (an->awaits.len + 1));
  live_compute(src, fn, writes, live);
  VEC(Var *) taken = {0};   // the locals whose address is taken, in order
  for (int i = 0; i < an->vars.len; i++) {
    Var *v = an->vars.data[i];
    // In a function that awaits, every cleanup is the lowering's to call:
    // a return completes the task before C would leave the scope, so the
    // attribute would run it after the awaiter has the result (and after
    // a frame allocated on entry is freed).
    v->cleanup = v->fact->has_cleanup && an->awaits.len > 0;
    if (v->address_taken || v->cleanup)   // a cleanup reads &x when the scope ends
      vec_push(&taken, v);
  }
  for (int k = 0; k < an->awaits.len; k++) {
    Node *a = an->awaits.data[k];
    for (int j = 0; j < live[k].len; j++) {
      Var *v = an->vars.data[live[k].data[j]];
      if (!v->address_taken && !v->cleanup && in_scope_at(v, a))   // else in taken
        live_at(v, k + 1);
    }
    for (int i = 0; i < taken.len; i++)
      if (in_scope_at(taken.data[i], a))
        live_at(taken.data[i], k + 1);
  }
}

static void analyse_liveness(Source *src, Facts *facts, AsyncFn *fn, const Scan *scan) {
  Analysis *an = fn->an = arena_alloc(sizeof *an);
  for (int i = 0; i < scan->literals.len; i++) {   // kept compound literals (keep_literal)
    vec_push(&an->literals, scan->literals.data[i]);
    vec_push(&an->literal_blocks, scan->literal_blocks.data[i]);
    an->heap_at_entry = true;
  }
  Live l = {.src = src, .facts = facts, .an = an};
  for (int i = facts_lower_bound(facts, fn->params_off); i < facts->facts.len; i++) {
    const Fact *f = &facts->facts.data[i];   // parameters first
    if (f->off >= fn->params_end)
      break;
    if (f->kind != FK_VAR || f->name_off < fn->params_off || f->name_off >= fn->params_end)
      continue;
    Var *v = new_var(&l, f, fn->body_end, true);
    v->scope = fn->body;
    v->live_from = fn->body_off;
  }
  node_walk(fn->body, live_pre, live_post, &l);
  collect_uses(&l, fn);
  mark_live(src, fn, &l.writes);
  for (int i = 0; i < an->vars.len; i++) {
    Var *v = an->vars.data[i];
    if (v->hoisted && v->address_taken)
      an->heap_at_entry = true;
    if (v->cleanup && (v->scope->kind != ND_BLOCK || v->fact->cleanup_off < 0 ||
                       !v->fact->cleanup_fn))
      diag_error(v->name_off, "'%.*s' has a cleanup attribute in a function that awaits, "
                 "which the lowering runs on each exit of a block; %s",
                 v->name_len, src->text + v->name_off,
                 v->scope->kind != ND_BLOCK ? "declare it in a block, not a for statement"
                                            : "write the attribute without a macro");
    if (v->cleanup) {
      CleanupScan c = {src, v};
      node_walk(v->scope, find_plain_stmt_exprs, NULL, &c);
      check_cleanup_name(src, facts, fn, v);
    }
    if (v->hoisted && v->fact->align > 16)
      diag_error(v->name_off, "'%.*s' lives across an await but its type is aligned to %ld "
                 "bytes; frames are aligned to 16: keep it behind a pointer",
                 v->name_len, src->text + v->name_off, v->fact->align);
  }
  for (int i = 0; i < an->vars.len; i++) {
    check_local_type(src, an, an->vars.data[i]);
    check_register_const(src, an, an->vars.data[i]);
  }
  name_fields(an, src, facts);
}

// Whether name (len bytes) is that of a helper asyncc generates for an
// async function g of the file: g__ramp, g__box, g__run, g__resume,
// g__resume_at, g__resume_K, g__sites; returns g, or NULL.
static AsyncFn *helper_of(Facts *facts, const char *name, int len) {
  static const char *suffixes[] = {"ramp", "box", "run", "resume", "resume_at", "sites", NULL};
  for (AsyncFn *g = facts->fns; g; g = g->next) {
    int n = strlen(g->name);
    if (len <= n + 2 || memcmp(name, g->name, n) || memcmp(name + n, "__", 2))
      continue;
    const char *rest = name + n + 2;
    int rlen = len - n - 2;
    for (int i = 0; suffixes[i]; i++)
      if ((int)strlen(suffixes[i]) == rlen && !memcmp(rest, suffixes[i], rlen))
        return g;
    if (rlen > 7 && !memcmp(rest, "resume_", 7) && strspn(rest + 7, "0123456789") == (size_t)(rlen - 7))
      return g;
  }
  return NULL;
}

// A name of the file outside the async functions (a function, variable,
// type or macro of file scope, or a use in a plain function) that is a
// helper's: the generated helper would conflict with its declaration, or
// the use would reach into the generated code.  Inside an async function
// check_reserved_names below says it of locals.
void an_check_file(Source *src, Facts *facts) {
  TokenList *tl = facts->tokens;
  for (int i = 0; i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    if (t->kind != TK_IDENT || (t->flags & TF_SKIPPED) || t->len < 5 ||
        !memmem(src->text + t->off, t->len, "__", 2))
      continue;
    AsyncFn *g = helper_of(facts, src->text + t->off, t->len);
    bool in_async = false;
    for (AsyncFn *fn = facts->fns; fn && !in_async; fn = fn->next)
      in_async = fn->body_off >= 0 && t->off >= fn->params_off && t->off < fn->body_end;
    if (g && !in_async)
      diag_error(t->off, "'%.*s' is the name of a function asyncc generates for the async "
                 "function '%s' of this file: rename it", t->len, src->text + t->off, g->name);
  }
}

// Names beginning with ac__ belong to the generated code (ac__fr, ac__t0,
// ac__l_x, ...): one in the user's async function could be hidden by them
// or hide them.  A local named like a generated helper would hide it in
// the run function.
static void check_reserved_names(Source *src, Facts *facts, AsyncFn *fn) {
  TokenList *tl = facts->tokens;
  for (int i = facts_lower_bound(facts, fn->params_off); i < facts->facts.len; i++) {
    const Fact *f = &facts->facts.data[i];
    if (f->off >= fn->body_end)
      break;
    if (f->kind != FK_VAR || f->name_off < 0)
      continue;
    int len = tl->toks[tok_at(tl, f->name_off)].len;
    if (helper_of(facts, src->text + f->name_off, len))
      diag_error(f->name_off, "'%.*s' is the name of a function asyncc generates for an "
                 "async function of this file, which this local would hide: rename it",
                 len, src->text + f->name_off);
  }
  for (int i = tok_at(tl, fn->params_off); i >= 0 && i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    if (t->off >= fn->body_end)
      break;
    if (t->kind == TK_IDENT && !(t->flags & TF_SKIPPED) && t->len > 4 &&
        !memcmp(src->text + t->off, "ac__", 4))
      diag_error(t->off, "'%.*s': names beginning with ac__ are reserved for the code "
                 "asyncc generates", t->len, src->text + t->off);
  }
}

// A statement expression without an await is copied as written, so a jump
// in it that leaves it is C's own: a return would return from the
// generated function, not complete the task; a continue of a loop whose
// increment awaits would skip the increment (it is rebuilt at the end of
// the body).  Both refused.
typedef struct {
  VEC(Node *) loops;    // the loops around the walk's node, innermost last
} PlainScan;

typedef struct {
  Node *loop;           // the loop around the statement expression, or NULL
  int depth;            // loops inside the statement expression
} PlainJumps;

static bool plain_jump_pre(Node *n, void *ctx) {
  PlainJumps *j = ctx;
  if (n->kind == ND_RETURN)
    diag_error(n->off, "a return inside a statement expression of an async function: a "
               "return completes the task, which this copy of the statement expression "
               "cannot do; return after the statement expression");
  else if (n->kind == ND_CONTINUE && !j->depth && j->loop && j->loop->kind == ND_FOR &&
           node_has_await(j->loop->inc))
    diag_error(n->off, "a continue inside a statement expression, of a loop whose increment "
               "awaits: it would skip the increment; continue after the statement expression");
  j->depth += is_loop(n);
  return true;
}

static void plain_jump_post(Node *n, void *ctx) {
  ((PlainJumps *)ctx)->depth -= is_loop(n);
}

static bool plain_pre(Node *n, void *ctx) {
  PlainScan *p = ctx;
  if (n->kind == ND_STMT_EXPR && !node_has_await(n)) {
    PlainJumps j = {p->loops.len ? p->loops.data[p->loops.len - 1] : NULL, 0};
    node_walk(n->body, plain_jump_pre, plain_jump_post, &j);
    return false;
  }
  if (is_loop(n))
    vec_push(&p->loops, n);
  return true;
}

static void plain_post(Node *n, void *ctx) {
  PlainScan *p = ctx;
  if (is_loop(n) && p->loops.len && p->loops.data[p->loops.len - 1] == n)
    p->loops.len--;
}

// A jump written in a macro's body has no text in the function for the
// lowering to rewrite, so it stays as C wrote it: a return would return
// from the generated function instead of completing the task; a continue
// of a loop rebuilt with its awaiting increment (or do-while condition) at
// the end of its body would skip that; a jump out of the scope of a local
// whose cleanup the lowering calls would skip the call.  Refused, each.
typedef struct {
  int off;
  Node *found;
} StmtAt;

static bool stmt_at_pre(Node *n, void *ctx) {
  StmtAt *s = ctx;
  if (n->off == s->off && (is_loop(n) || n->kind == ND_SWITCH))
    s->found = n;
  return !s->found && n->off <= s->off && s->off < n->end;
}

static bool skips_rebuilt_step(Node *loop) {
  return loop && ((loop->kind == ND_FOR && node_has_await(loop->inc)) ||
                  (loop->kind == ND_DO && node_has_await(loop->cond)));
}

static void check_macro_jumps(Source *src, Facts *facts, AsyncFn *fn) {
  static const char *words[] = {"return", "break", "continue", "goto"};
  TokenList *tl = facts->tokens;
  for (int i = 0; i < facts->macro_jumps.len; i++) {
    const MacroJump *j = &facts->macro_jumps.data[i];
    if (j->off < fn->body_off || j->off >= fn->body_end)
      continue;
    int mlen = tl->toks[tok_at(tl, j->off)].len;
    const char *m = src->text + j->off;
    if (j->kind == MJ_RETURN) {
      diag_error(j->off, "a return inside the body of macro '%.*s' in an async function: a "
                 "return completes the task, which the lowering writes where the return is "
                 "written; return outside the macro", mlen, m);
      continue;
    }
    StmtAt at = {j->target, NULL};
    if (j->kind != MJ_GOTO && j->target >= 0)
      node_walk(fn->body, stmt_at_pre, NULL, &at);
    if (j->kind == MJ_CONTINUE && skips_rebuilt_step(at.found)) {
      diag_error(j->off, "a continue inside the body of macro '%.*s', of a loop whose %s "
                 "awaits: the lowering makes each continue of it a goto to the %s, which "
                 "this one would skip; continue outside the macro", mlen, m,
                 at.found->kind == ND_FOR ? "increment" : "condition",
                 at.found->kind == ND_FOR ? "increment" : "condition");
      continue;
    }
    for (int k = 0; k < fn->an->vars.len; k++) {
      const Var *v = fn->an->vars.data[k];
      bool leaves = j->target < v->name_off || j->target >= v->scope_end;
      if (v->cleanup && j->off > v->name_off && j->off < v->scope_end && leaves) {
        diag_error(j->off, "a %s inside the body of macro '%.*s' leaves the scope of '%.*s', "
                   "whose cleanup the lowering calls before each jump out of it written in "
                   "the function; jump outside the macro", words[j->kind], mlen, m,
                   v->name_len, src->text + v->name_off);
        break;
      }
    }
  }
}

// A parameter whose type stays variably modified once C adjusts it
// (int m[n][n] is int (*m)[n]) has a type the frame's field cannot name
// at file scope, and that a resume function, which passes the parameters
// as zeros, would evaluate with a bound of 0.  Refused in a function that
// awaits; a one-dimensional a[n] is a plain pointer (lower.c's run_params).
static void check_vm_params(Source *src, Facts *facts, AsyncFn *fn) {
  for (int i = facts_lower_bound(facts, fn->params_off); i < facts->facts.len; i++) {
    const Fact *f = &facts->facts.data[i];
    if (f->off >= fn->params_end)
      break;
    if (f->kind == FK_VAR && f->vm_param && f->name_off >= 0)
      diag_error(f->name_off, "parameter '%.*s' of a function that awaits has a variably "
                 "modified type ('%s'), which its frame field and the resume function "
                 "cannot name; pass a plain pointer and index it by hand",
                 facts->tokens->toks[tok_at(facts->tokens, f->name_off)].len,
                 src->text + f->name_off, f->type);
  }
}

// In a function that awaits the lowering calls each cleanup itself, from
// the attribute's text (Var.cleanup): one that a macro makes
// (`#define _cleanup_(f) __attribute__((cleanup(f)))`) it cannot read.
static void check_cleanup_macros(Source *src, Facts *facts, AsyncFn *fn) {
  for (int i = 0; i < facts->cleanup_macros.len; i++) {
    int off = facts->cleanup_macros.data[i];
    if (off >= fn->body_off && off < fn->body_end)
      diag_error(off, "macro '%.*s' makes a cleanup attribute, in a function that awaits, "
                 "whose cleanups the lowering calls itself on each exit of their block; "
                 "write the attribute without a macro",
                 facts->tokens->toks[tok_at(facts->tokens, off)].len, src->text + off);
  }
}

// alloca or the setjmp family called from a macro's body (facts.c), in a
// function that awaits: refused as check_node refuses the written calls.
static void check_stack_calls(Facts *facts, AsyncFn *fn) {
  for (int i = 0; i + 1 < facts->stack_calls.len; i += 2) {
    int off = facts->stack_calls.data[i];
    if (off < fn->body_off || off >= fn->body_end)
      continue;
    const char *callee = facts_stack_callees[facts->stack_calls.data[i + 1]];
    diag_error(off, "'%s', called in this macro's body, in an async function that awaits: "
               "%s", callee, why_stack_call(callee));
  }
}

// A compound literal whose address a macro's body takes (facts.c), in a
// function that awaits: the lowering cannot keep it in the frame.
static void check_macro_literals(Facts *facts, AsyncFn *fn) {
  for (int i = 0; i < facts->macro_literals.len; i++) {
    int off = facts->macro_literals.data[i];
    if (off >= fn->body_off && off < fn->body_end)
      diag_error(off, "this macro's body makes a compound literal and takes its address, "
                 "in an async function that awaits: asyncc keeps a compound literal "
                 "across an await by rewriting its text, which a macro's body does not "
                 "have; declare it as a local");
  }
}

// An #include inside the body of a function that awaits brings text the
// tree never sees: a local it declares could not be kept across an await
// (tests/reject/local_declared_in_included_fragment.c), a use of a kept
// local in it not rewritten.
static void check_includes(Source *src, Facts *facts, AsyncFn *fn) {
  const TokenList *tl = facts->tokens;
  for (int i = tok_after(tl, fn->body_off); i < tl->ntoks && tl->toks[i].off < fn->body_end; i++) {
    const Token *t = &tl->toks[i];
    int n;
    const char *name = tok_directive_name(src, t, &n);
    if (!name || (t->flags & TF_SKIPPED) ||
        !((n == 7 && !memcmp(name, "include", 7)) ||
          (n == 12 && !memcmp(name, "include_next", 12)) || (n == 6 && !memcmp(name, "import", 6))))
      continue;
    diag_error(t->off, "'#%.*s' inside the body of an async function that awaits: asyncc does "
               "not see the included text, so it can neither keep the locals it declares "
               "across an await nor rewrite its uses of kept locals; include it outside the "
               "function (a fragment of statements can become a function or a macro)", n, name);
    return;
  }
}

// The name an object-like #define at t defines (n bytes), or NULL.
static const char *object_macro_defined(const Source *src, const Token *t, int *n) {
  const char *p = tok_directive_name(src, t, n);
  if (!p || (t->flags & TF_SKIPPED) || *n != 6 || memcmp(p, "define", 6))
    return NULL;
  const char *end = src->text + t->off + t->len;
  for (p += 6; p < end && (*p == ' ' || *p == '\t'); p++) {
  }
  const char *name = p;
  while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
    p++;
  *n = (int)(p - name);
  return *n && (p == end || *p != '(') ? name : NULL;
}

// An object-like macro defined in the scope of a local that lives in the
// frame (or whose cleanup the lowering calls), named like it: the copies
// in and out of the frame, which the generated code writes after the
// definition, would be replaced by the macro's text (`#define count
// (count + 100)` makes `ac__fr->count` `ac__fr->(count + 100)`), and
// nothing in C names the local past its macro.  (A function-like macro
// is harmless: the generated code never writes `(` after a local's name.)
static void check_macros_named_like_locals(Source *src, Facts *facts, AsyncFn *fn) {
  const TokenList *tl = facts->tokens;
  for (int i = tok_after(tl, fn->body_off); i < tl->ntoks && tl->toks[i].off < fn->body_end; i++) {
    const Token *t = &tl->toks[i];
    int n;
    const char *name = object_macro_defined(src, t, &n);
    for (int k = 0; name && k < fn->an->vars.len; k++) {
      const Var *v = fn->an->vars.data[k];
      if ((v->hoisted || v->cleanup) && v->name_off < t->off && t->off < v->scope_end &&
          v->name_len == n && !memcmp(src->text + v->name_off, name, n)) {
        int line, col;
        source_pos(src, v->name_off, &line, &col);
        diag_error((int)(name - src->text), "the macro '%.*s' is named like the local '%.*s' "
                   "(line %d), which lives across an await: asyncc's copies of the local, "
                   "after this definition, would become the macro's text; rename one of them",
                   n, name, n, name, line);
        break;
      }
    }
  }
}

void an_check(Source *src, Facts *facts, AsyncFn *fn) {
  check_reserved_names(src, facts, fn);
  Scan s = {.src = src, .facts = facts};
  node_walk(fn->body, count_awaits, NULL, &s);
  s.check_jumps = s.nawaits > 0;   // without awaits, plain C rules are enough
  if (s.nawaits) {
    check_vm_params(src, facts, fn);
    check_cleanup_macros(src, facts, fn);
    check_stack_calls(facts, fn);
    check_macro_literals(facts, fn);
    check_includes(src, facts, fn);
  }
  node_walk(fn->body, check_node, leave_block, &s);
  PlainScan p = {0};
  node_walk(fn->body, plain_pre, plain_post, &p);
  analyse_liveness(src, facts, fn, &s);
  check_macros_named_like_locals(src, facts, fn);
  check_macro_jumps(src, facts, fn);
}
