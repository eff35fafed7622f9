// live.c: which locals are live across each await, by dataflow over a
// control-flow graph of the async body.
//
// The graph follows the code lower.c generates, not only the source: in a
// full expression the awaits run first (each after its own operand), in
// source order, and the operands that do not await run after all of them;
// `&&`, `||`, `?:` and `,` keep their order and branch (docs/lowering.md).
// A block is a run of reads and writes of locals and ends at an await, a
// branch or a jump.  Edges: if, loops, switch and case (wherever the case
// labels are: Duff's device), goto and labels (a computed goto may reach
// any label), break, continue, return.
//
// A local is live across an await when some path from the await reads it
// before writing it (Roslyn's rule, now exact also with goto): live_out of
// the block the await ends.  Reads and writes of an expression without
// awaits count as all reads first (a write does not hide a read of the
// same expression): never less live than the truth.
//
// Liveness is the classic backward problem, live_in = gen | (live_out &
// ~kill), solved with a bit set per block and a worklist: near-linear in
// the body's size for the structured code C functions are made of.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

typedef uint64_t Word;

typedef struct {
  IntVec succ;
  Word *gen, *kill, *in;    // bit sets over an->vars
  int await;                // the await (index in an->awaits) ending it, or -1
} Block;

typedef struct {
  int off, var;             // a use of variable var at off, or a write
  bool write;
} Use;

typedef struct {
  char *name;
  int len;
  IntVec blocks;            // label blocks of this name (GNU local labels repeat)
  IntVec gotos;             // blocks ending in a goto to it
} Label;

typedef struct {
  Source *src;
  Analysis *an;
  const IntVec *writes;     // offsets of names only written (x = e), sorted
  VEC(Block) blocks;
  VEC(Use) uses;            // every use of a local, by offset
  VEC(Label) labels;
  IntVec computed_gotos;    // blocks ending in goto *p
  IntVec breaks, conts;     // targets, innermost last
  IntVec switches;          // the block of each enclosing switch's head
  int cur;                  // the block being filled
  int words;                // words per bit set
} Graph;

// --- the graph ---------------------------------------------------------------

static int new_block(Graph *g) {
  Block b = {.await = -1};
  b.gen = arena_alloc(sizeof(Word) * g->words);
  b.kill = arena_alloc(sizeof(Word) * g->words);
  b.in = arena_alloc(sizeof(Word) * g->words);
  vec_push(&g->blocks, b);
  return g->blocks.len - 1;
}

static void edge(Graph *g, int from, int to) {
  vec_push(&g->blocks.data[from].succ, to);
}

// Ends the current block with an edge to a new one, which becomes current.
static int next_block(Graph *g) {
  int b = new_block(g);
  edge(g, g->cur, b);
  g->cur = b;
  return b;
}

// After a jump: what follows is reached only through labels.
static void dead_block(Graph *g) {
  g->cur = new_block(g);
}

static bool has_bit(const Word *s, int i) {
  return s[i / 64] >> (i % 64) & 1;
}

static void set_bit(Word *s, int i) {
  s[i / 64] |= (Word)1 << (i % 64);
}

// A read counts unless the block already wrote the variable (a value made
// here); a write kills.
static void event(Graph *g, int var, bool write) {
  Block *b = &g->blocks.data[g->cur];
  if (write)
    set_bit(b->kill, var);
  else if (!has_bit(b->kill, var))
    set_bit(b->gen, var);
}

// --- uses ----------------------------------------------------------------------

static int by_use_off(const void *a, const void *b) {
  const Use *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

static bool is_write(Graph *g, int off) {
  for (int lo = 0, hi = g->writes->len; lo < hi;) {
    int mid = (lo + hi) / 2;
    if (g->writes->data[mid] == off)
      return true;
    if (g->writes->data[mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return false;
}

static void collect_uses(Graph *g) {
  for (int v = 0; v < g->an->vars.len; v++) {
    Var *var = g->an->vars.data[v];
    for (int i = 0; i < var->uses.len; i++) {
      Use u = {var->uses.data[i], v, is_write(g, var->uses.data[i])};
      vec_push(&g->uses, u);
    }
  }
  if (g->uses.len)
    qsort(g->uses.data, g->uses.len, sizeof *g->uses.data, by_use_off);
}

// The reads (pass 0) or the writes (pass 1) of locals in [off, end).
static void range_pass(Graph *g, int off, int end, int pass) {
  int lo = 0, hi = g->uses.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (g->uses.data[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int i = lo; i < g->uses.len && g->uses.data[i].off < end; i++)
    if (g->uses.data[i].write == (pass == 1))
      event(g, g->uses.data[i].var, pass == 1);
}

// The reads and writes of locals in [off, end), which holds no await: all
// reads, then all writes.
static void range_events(Graph *g, int off, int end) {
  range_pass(g, off, end, 0);
  range_pass(g, off, end, 1);
}

// --- expressions ---------------------------------------------------------------
//
// expr() adds to `late` the ranges whose events happen when the whole
// expression is finally evaluated, after its awaits; flush() emits them.

typedef IntVec Late;   // pairs [off, end)

// Every read of the ranges, then every write (`i = i + await f()`: the
// left side's write comes after the right side's read).
static void flush(Graph *g, Late *late) {
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i + 1 < late->len; i += 2)
      range_pass(g, late->data[i], late->data[i + 1], pass);
  late->len = 0;
}

static void late_range(Late *late, int off, int end) {
  vec_push(late, off);
  vec_push(late, end);
}

static void expr(Graph *g, Node *e, Late *late);

static void full_expr(Graph *g, Node *e) {
  Late late = {0};
  if (e)
    expr(g, e, &late);
  flush(g, &late);
}

static int await_index(Graph *g, Node *a) {
  for (int lo = 0, hi = g->an->awaits.len; lo < hi;) {
    int mid = (lo + hi) / 2;
    Node *m = g->an->awaits.data[mid];
    if (m == a)
      return mid;
    if (m->off < a->off || (m->off == a->off && m->end > a->end))
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int i = 0; i < g->an->awaits.len; i++)
    if (g->an->awaits.data[i] == a)
      return i;
  unreachable();
}

// A branch of e (the right of && ||, an arm of ?:), evaluated on its own.
static int branch(Graph *g, int from, Node *e) {
  g->cur = new_block(g);
  edge(g, from, g->cur);
  full_expr(g, e);
  return g->cur;
}

static void join(Graph *g, int a, int b) {
  int j = new_block(g);
  edge(g, a, j);
  edge(g, b, j);
  g->cur = j;
}

static bool is_op(Graph *g, Node *e, const char *op) {
  return e->oplen == (int)strlen(op) && !memcmp(g->src->text + e->op, op, e->oplen);
}

static void children(Graph *g, Node *e, Late *late);
static void stmt(Graph *g, Node *s);

static void expr(Graph *g, Node *e, Late *late) {
  if (!node_has_await(e)) {
    late_range(late, e->off, e->end);
    return;
  }
  int from;
  switch (e->kind) {
  case ND_AWAIT:
    full_expr(g, e->lhs);
    g->blocks.data[g->cur].await = await_index(g, e);
    next_block(g);
    return;
  case ND_BINARY:
    if (!node_has_await(e->rhs) || !(is_op(g, e, "&&") || is_op(g, e, "||")))
      break;
    full_expr(g, e->lhs);
    from = g->cur;
    join(g, from, branch(g, from, e->rhs));
    return;
  case ND_COND:
    if (!node_has_await(e->then) && !node_has_await(e->els))
      break;
    full_expr(g, e->cond);
    from = g->cur;
    int a = e->then ? branch(g, from, e->then) : from;
    join(g, a, branch(g, from, e->els));
    return;
  case ND_COMMA:
    full_expr(g, e->lhs);
    expr(g, e->rhs, late);
    return;
  case ND_STMT_EXPR:   // its statements run where it stands, as lower.c hoists them
    stmt(g, e->body);
    return;
  default:
    break;
  }
  children(g, e, late);
}

// As lower.c's rebuild: each child in source order, the awaiting ones
// first emitting their awaits; the text between children (e's own
// operator) holds no use of a local.
static void children(Graph *g, Node *e, Late *late) {
  NodeVec kids = node_children(e);
  int pos = e->off;
  for (int i = 0; i < kids.len; i++) {
    late_range(late, pos, kids.data[i]->off);   // a macro's name, say
    expr(g, kids.data[i], late);
    pos = kids.data[i]->end;
  }
  late_range(late, pos, e->end);
}

// --- statements ----------------------------------------------------------------

static void stmt(Graph *g, Node *s);

static Label *label(Graph *g, Node *n) {
  const char *name = g->src->text + n->name_off;
  for (int i = 0; i < g->labels.len; i++)
    if (g->labels.data[i].len == n->name_len && !memcmp(g->labels.data[i].name, name, n->name_len))
      return &g->labels.data[i];
  Label l = {.name = (char *)name, .len = n->name_len};
  vec_push(&g->labels, l);
  return &g->labels.data[g->labels.len - 1];
}

static void loop_body(Graph *g, Node *body, int brk, int cont) {
  vec_push(&g->breaks, brk);
  vec_push(&g->conts, cont);
  stmt(g, body);
  g->breaks.len--;
  g->conts.len--;
}

static void stmt_loop(Graph *g, Node *s) {
  int exit = new_block(g);
  if (s->kind == ND_FOR)
    stmt(g, s->init);
  int head = next_block(g);
  int cont = new_block(g);   // where continue goes: the increment, or the condition
  if (s->kind == ND_DO) {
    g->cur = next_block(g);
    loop_body(g, s->body, exit, cont);
    edge(g, g->cur, cont);
    g->cur = cont;
    full_expr(g, s->cond);
    edge(g, g->cur, head);
    edge(g, g->cur, exit);
    g->cur = exit;
    return;
  }
  full_expr(g, s->cond);
  if (s->cond)
    edge(g, g->cur, exit);
  next_block(g);
  loop_body(g, s->body, exit, cont);
  edge(g, g->cur, cont);
  g->cur = cont;
  if (s->kind == ND_FOR)
    full_expr(g, s->inc);
  edge(g, g->cur, head);
  g->cur = exit;
}

static void stmt_switch(Graph *g, Node *s) {
  full_expr(g, s->cond);
  int head = g->cur, exit = new_block(g);
  vec_push(&g->switches, head);
  vec_push(&g->breaks, exit);
  dead_block(g);   // before the first case: never runs
  stmt(g, s->body);
  edge(g, g->cur, exit);
  g->breaks.len--;
  g->switches.len--;
  edge(g, head, exit);   // no case matches (or no default)
  g->cur = exit;
}

static int var_index(Graph *g, int name_off) {
  Var *v = an_var_at(g->an, name_off);
  int lo = 0, hi = g->an->vars.len;
  while (v && lo < hi) {   // vars are by name offset, unless an->unsorted
    int mid = (lo + hi) / 2;
    if (g->an->vars.data[mid] == v)
      return mid;
    if (g->an->vars.data[mid]->name_off < name_off)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int i = 0; v && i < g->an->vars.len; i++)
    if (g->an->vars.data[i] == v)
      return i;
  return -1;
}

static void stmt_decl(Graph *g, Node *d) {
  for (Node *v = d->body; v; v = v->next) {
    if (v->kind != ND_VAR)
      continue;
    for (Node *a = v->args; a; a = a->next)
      full_expr(g, a);
    if (v->init)
      full_expr(g, v->init);
    int i = var_index(g, v->name_off);
    if (i >= 0)   // reached: a new object, its old value gone
      event(g, i, true);
  }
}

static void stmt_jump(Graph *g, Node *s) {
  switch (s->kind) {
  case ND_GOTO:
    if (s->name_off >= 0) {
      vec_push(&label(g, s)->gotos, g->cur);
    } else {
      full_expr(g, s->lhs);
      vec_push(&g->computed_gotos, g->cur);
    }
    break;
  case ND_BREAK:
    if (g->breaks.len)
      edge(g, g->cur, g->breaks.data[g->breaks.len - 1]);
    break;
  case ND_CONTINUE:
    if (g->conts.len)
      edge(g, g->cur, g->conts.data[g->conts.len - 1]);
    break;
  default:   // return: to the exit, which needs nothing
    full_expr(g, s->lhs);
    break;
  }
  dead_block(g);
}

static void stmt(Graph *g, Node *s) {
  if (!s)
    return;
  switch (s->kind) {
  case ND_BLOCK:
    for (Node *item = s->body; item; item = item->next)
      stmt(g, item);
    return;
  case ND_DECL:
    stmt_decl(g, s);
    return;
  case ND_EXPR_STMT:
    full_expr(g, s->lhs);
    return;
  case ND_IF: {
    full_expr(g, s->cond);
    int from = g->cur;
    g->cur = new_block(g);
    edge(g, from, g->cur);
    stmt(g, s->then);
    int a = g->cur;
    g->cur = new_block(g);
    edge(g, from, g->cur);
    stmt(g, s->els);
    join(g, a, g->cur);
    return;
  }
  case ND_WHILE: case ND_DO: case ND_FOR:
    stmt_loop(g, s);
    return;
  case ND_SWITCH:
    stmt_switch(g, s);
    return;
  case ND_CASE: case ND_DEFAULT: case ND_LABEL: {
    next_block(g);   // falling into it
    if (s->kind == ND_LABEL)
      vec_push(&label(g, s)->blocks, g->cur);
    else if (g->switches.len)
      edge(g, g->switches.data[g->switches.len - 1], g->cur);
    stmt(g, s->body);
    return;
  }
  case ND_GOTO: case ND_BREAK: case ND_CONTINUE: case ND_RETURN:
    stmt_jump(g, s);
    return;
  default:   // asm, _Static_assert, typedef, `;`: whatever they name is read
    range_events(g, s->off, s->end);
    return;
  }
}

static void link_labels(Graph *g) {
  for (int i = 0; i < g->labels.len; i++) {
    Label *l = &g->labels.data[i];
    for (int j = 0; j < l->gotos.len; j++)
      for (int k = 0; k < l->blocks.len; k++)
        edge(g, l->gotos.data[j], l->blocks.data[k]);
    for (int j = 0; j < g->computed_gotos.len; j++)
      for (int k = 0; k < l->blocks.len; k++)
        edge(g, g->computed_gotos.data[j], l->blocks.data[k]);
  }
}

// --- dataflow ------------------------------------------------------------------

// live_out(b) into out; returns whether live_in(b) grew.
static bool update(Graph *g, int b, Word *out) {
  Block *blk = &g->blocks.data[b];
  memset(out, 0, sizeof(Word) * g->words);
  for (int i = 0; i < blk->succ.len; i++) {
    Word *in = g->blocks.data[blk->succ.data[i]].in;
    for (int w = 0; w < g->words; w++)
      out[w] |= in[w];
  }
  bool grew = false;
  for (int w = 0; w < g->words; w++) {
    Word in = blk->gen[w] | (out[w] & ~blk->kill[w]);
    grew |= in != blk->in[w];
    blk->in[w] = in;
  }
  return grew;
}

// Blocks are numbered roughly in program order: sweep them backwards until
// nothing changes (loops and backward gotos take a few sweeps).
static void solve(Graph *g) {
  Word *out = arena_alloc(sizeof(Word) * g->words);
  for (bool changed = true; changed;) {
    changed = false;
    for (int b = g->blocks.len - 1; b >= 0; b--)
      changed |= update(g, b, out);
  }
}

// --- the answer ----------------------------------------------------------------

static void build(Graph *g, AsyncFn *fn) {
  Analysis *an = fn->an;
  g->words = (an->vars.len + 63) / 64 + 1;
  collect_uses(g);
  g->cur = new_block(g);
  for (int i = 0; i < an->vars.len; i++)   // parameters hold their values at entry
    if (an->vars.data[i]->is_param)
      event(g, i, true);
  stmt(g, fn->body);
  link_labels(g);
}

void live_compute(Source *src, AsyncFn *fn, const IntVec *writes, IntVec *out) {
  Analysis *an = fn->an;
  Graph g = {.src = src, .an = an, .writes = writes};
  build(&g, fn);
  solve(&g);
  Word *live = arena_alloc(sizeof(Word) * g.words);
  for (int b = 0; b < g.blocks.len; b++) {
    int k = g.blocks.data[b].await;
    if (k < 0)
      continue;
    update(&g, b, live);
    for (int v = 0; v < an->vars.len; v++)
      if (has_bit(live, v))
        vec_push(&out[k], v);
  }
}

// The awaits (or the end) that the paths from block b reach first.
static void reach(Graph *g, int b, bool *seen, IntVec *next) {
  if (seen[b])
    return;
  seen[b] = true;
  Block *blk = &g->blocks.data[b];
  int end = g->an->awaits.len;
  if (blk->await >= 0 || !blk->succ.len) {   // an await, or a return / the end
    int k = blk->await >= 0 ? blk->await : end;
    if (!seen[g->blocks.len + k]) {
      seen[g->blocks.len + k] = true;
      vec_push(next, k + 1 > end ? 0 : k + 1);
    }
    return;
  }
  for (int i = 0; i < blk->succ.len; i++)
    reach(g, blk->succ.data[i], seen, next);
}

void live_next(Source *src, AsyncFn *fn, IntVec *next) {
  IntVec none = {0};
  Graph g = {.src = src, .an = fn->an, .writes = &none};
  build(&g, fn);
  int n = g.blocks.len + fn->an->awaits.len + 1;
  reach(&g, 0, arena_alloc(n), &next[0]);   // block 0 is the entry
  for (int b = 0; b < g.blocks.len; b++) {
    Block *blk = &g.blocks.data[b];
    if (blk->await < 0)
      continue;
    bool *seen = arena_alloc(n);
    for (int i = 0; i < blk->succ.len; i++)
      reach(&g, blk->succ.data[i], seen, &next[blk->await + 1]);
  }
}
