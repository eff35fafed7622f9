// test_facts.c: headers, the view, libclang facts, join and liveness, on
// small dialect sources run through the front end as main.c runs it.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "acc.h"

typedef struct {
  Source *src;
  TokenList tl;
  Facts facts;
  PlainBodies plain;
  View *view;
} Front;

static bool is_type_name(void *ctx, const Token *t) {
  return facts_find(ctx, FK_TYPEREF, t->off, -1) != NULL;
}

// The front end on text, up to liveness; the file includes <asyncc.h>.
static Front *front(const char *body) {
  Front *f = arena_alloc(sizeof *f);
  const char *text = arena_printf("#include <asyncc.h>\n%s", body);
  f->src = source_from_string("t.c", text, strlen(text));
  diag_init(f->src);
  f->tl = scan_file(f->src);
  header_find_async(f->src, &f->tl, &f->facts);
  f->plain = hollow_find(f->src, &f->tl, &f->facts);
  f->view = view_build(f->src, &f->tl, &f->facts, &f->plain);
  static const char *argv[] = {"-Iruntime"};
  ClangArgs args = {.argv = argv, .argc = 1};
  Clang *clang = facts_parse(f->src, &f->tl, f->view, &args, &f->facts);
  TextSet names = facts_future_names(clang);
  if (hollow_keep_users(f->src, &f->tl, &f->plain, &names)) {   // as main.c
    facts_close(clang);
    f->view = view_build(f->src, &f->tl, &f->facts, &f->plain);
    clang = facts_parse(f->src, &f->tl, f->view, &args, &f->facts);
  }
  header_drop_skipped(f->src, &f->tl, &f->facts);
  facts_collect(clang);
  facts_close(clang);
  assert_int_equal(diag_error_count(), 0);
  for (AsyncFn *fn = f->facts.fns; fn; fn = fn->next) {
    if (fn->body_off < 0)
      continue;
    ParseInput in = {.src = f->src, .tl = &f->tl, .is_type_name = is_type_name,
                     .ctx = &f->facts};
    in.first = header_token_at(&f->tl, fn->body_off);
    in.last = header_token_at(&f->tl, fn->body_end - 1);
    fn->body = parse_body(&in);
    assert_non_null(fn->body);
    join_body(f->src, &f->facts, fn);
    an_check(f->src, &f->facts, fn);
  }
  return f;
}

// Offset of the n-th (0-based) occurrence of s in the source.
static int at(Front *f, const char *s, int n) {
  const char *p = f->src->text;
  for (;; n--) {
    p = strstr(p, s);
    assert_non_null(p);
    if (n == 0)
      return p - f->src->text;
    p++;
  }
}

// The variable of the last async function declared with this name.
static Var *var(Front *f, const char *name) {
  AsyncFn *fn = f->facts.fns;
  while (fn->next)
    fn = fn->next;
  for (int i = 0; i < fn->an->vars.len; i++) {
    Var *v = fn->an->vars.data[i];
    if (v->name_len == (int)strlen(name) && !memcmp(f->src->text + v->name_off, name, v->name_len))
      return v;
  }
  fail_msg("no variable %s", name);
  return NULL;
}

static void facts_async_headers_found(void **state) {
  (void)state;
  Front *f = front("static async int a(int x);\n"
                   "async const char *b(void) { return \"s\"; }\n"
                   "static async int a(int x) { return x; }\n");
  AsyncFn *a1 = f->facts.fns, *b = a1->next, *a2 = b->next;
  assert_string_equal(a1->name, "a");
  assert_true(a1->is_static);
  assert_int_equal(a1->body_off, -1);
  assert_string_equal(b->name, "b");
  assert_false(b->is_static);
  assert_string_equal(b->result_type, "const char *");
  assert_int_equal(b->body_off, at(f, "{ return \"s\"", 0));
  assert_string_equal(a2->result_type, "int");
}

static void facts_await_has_result_type(void **state) {
  (void)state;
  Front *f = front("async long g(void);\n"
                   "async int f(void) { long v = await g(); return (int)v; }\n");
  const Fact *aw = facts_find(&f->facts, FK_AWAIT, at(f, "await g()", 0), -1);
  assert_non_null(aw);
  assert_int_equal(aw->end, at(f, "await g()", 0) + 9);
  assert_string_equal(aw->ctype, "long");
}

static void facts_name_refers_to_its_declaration(void **state) {
  (void)state;
  Front *f = front("async int f(int n) {\n"
                   "  int n2 = n;\n"
                   "  { int n = 5; n2 += n; }\n"
                   "  return n2 + n;\n"
                   "}\n");
  const Fact *param = facts_find(&f->facts, FK_DECLREF, at(f, "n;", 0), -1);
  assert_non_null(param);
  assert_int_equal(param->ref_off, at(f, "n)", 0));
  const Fact *inner = facts_find(&f->facts, FK_DECLREF, at(f, "n;", 1), -1);
  assert_non_null(inner);
  assert_int_equal(inner->ref_off, at(f, "n = 5", 0));
}

static void facts_typedef_and_type_macro_are_type_names(void **state) {
  (void)state;
  Front *f = front("#include <stdbool.h>\n"
                   "typedef int count_t;\n"
                   "async bool f(void) { count_t c = 1; bool b = c > 0; return b; }\n");
  assert_non_null(facts_find(&f->facts, FK_TYPEREF, at(f, "count_t c", 0), -1));
  assert_non_null(facts_find(&f->facts, FK_TYPEREF, at(f, "bool b", 0), -1));
  assert_null(facts_find(&f->facts, FK_TYPEREF, at(f, "c > 0", 0), -1));
}

// Storage class, attributes, qualifiers and where a type is declared come
// from libclang, not from the declaration's words: `cleanup_count()` and
// `struct register_set` are neither attributes nor storage classes.
static void facts_var_traits_come_from_libclang(void **state) {
  (void)state;
  Front *f = front("struct register_set { int a; };\n"
                   "static int cleanup_count(void) { return 1; }\n"
                   "static void done(int *p) { (void)p; }\n"
                   "async int f(void) {\n"
                   "  int n = cleanup_count();\n"
                   "  struct register_set r[2] = {{1}, {2}};\n"
                   "  register int k = 1;\n"
                   "  __attribute__((cleanup(done))) int c = 0;\n"
                   "  const _Atomic int a = 1;\n"
                   "  struct pt { int x; } p = {1};\n"
                   "  return n + r[0].a + k + c + a + p.x;\n"
                   "}\n");
  const Fact *n = facts_var_at(&f->facts, at(f, "n =", 0));
  const Fact *r = facts_var_at(&f->facts, at(f, "r[2]", 0));
  const Fact *k = facts_var_at(&f->facts, at(f, "k =", 0));
  const Fact *c = facts_var_at(&f->facts, at(f, "c =", 0));
  const Fact *a = facts_var_at(&f->facts, at(f, "a =", 0));
  const Fact *p = facts_var_at(&f->facts, at(f, "p =", 0));
  assert_true(n && r && k && c && a && p);
  assert_false(n->has_cleanup || n->is_register || r->has_cleanup || r->is_register);
  assert_true(k->is_register);
  assert_true(c->has_cleanup);
  assert_true(a->is_atomic && a->is_const);
  assert_false(n->is_const || n->is_atomic);
  assert_true(r->is_array);
  assert_false(r->local_type);
  assert_true(p->local_type);
  assert_int_equal(p->type_decl_off, at(f, "pt {", 0));
}

static void facts_skipped_if_group_marks_tokens(void **state) {
  (void)state;
  Front *f = front("async int f(void) {\n"
                   "#if 0\n"
                   "  return await nothing();\n"
                   "#endif\n"
                   "  return 1;\n"
                   "}\n");
  assert_true(facts_is_skipped(&f->facts, at(f, "await nothing", 0)));
  assert_false(facts_is_skipped(&f->facts, at(f, "return 1", 0)));
  int i = header_token_at(&f->tl, at(f, "await nothing", 0));
  assert_true(f->tl.toks[i].flags & TF_SKIPPED);
}

static void view_maps_offsets_back_through_insertions(void **state) {
  (void)state;
  Front *f = front("async int f(int x) { return x; }\nint after;\n");
  // "after" moved by the inserted prototype and the __acbody suffix.
  const char *p = strstr(f->view->text, "int after");
  assert_non_null(p);
  assert_int_equal(view_to_source(f->view, p - f->view->text), at(f, "int after", 0));
  // The inserted prototype maps nowhere.
  const char *proto = strstr(f->view->text, "ac_future(int) f(int x);");
  assert_non_null(proto);
  assert_int_equal(view_to_source(f->view, proto - f->view->text), -1);
  // await is renamed in place, same length.
  Front *g = front("async int h(void);\nasync int f(void) { return await h(); }\n");
  int aw = at(g, "await", 0);
  const char *vp = strstr(g->view->text, VIEW_AWAIT " h()");
  assert_non_null(vp);
  assert_int_equal(view_to_source(g->view, vp - g->view->text), aw);
}

static void view_hollows_plain_bodies_that_need_no_libclang(void **state) {
  (void)state;
  Front *f = front("async int f(int x) { return x; }\n"
                   "static int twice(int x) {\n  return 2 * x;\n#define K 3\n}\n"
                   "void run(void) { ac_wait(f(K)); }\n"
                   "ac_future(int) fetch(void);\n"
                   "void later(void) { fetch(); }\n"
                   "int table[] = {1, 2};\n"
                   "int *p = (int[]){1, 2};\n"
                   "struct s { int a; } s1 = {1};\n");
  assert_int_equal(f->plain.bodies.len, 3);   // twice, run, later
  assert_int_equal(f->plain.nhollow, 1);      // twice
  // Blank but for its line ends and its directive, which still defines K
  // for run (front() asserts that libclang found no error).
  const char *twice = strstr(f->view->text, "static int twice(int x) {\n");
  assert_non_null(twice);
  assert_int_equal(view_to_source(f->view, twice - f->view->text), at(f, "static int twice", 0));
  assert_memory_equal(twice + 25, "\n" "               " "\n#define K 3\n}\n", 30);
  // Kept: run names an async function (known from the tokens), later a
  // function the translation unit declares returning a future (known after
  // the parse: parsed again).
  assert_non_null(strstr(f->view->text, "void run(void) { ac_wait(f(K)); }\n"));
  assert_non_null(strstr(f->view->text, "void later(void) { fetch(); }\n"));
  // Braces that are not a function's body are never touched.
  assert_non_null(strstr(f->view->text, "int table[] = {1, 2};\nint *p = (int[]){1, 2};\n"
                                        "struct s { int a; } s1 = {1};\n"));
  assert_int_equal(f->view->len - f->src->len,
                   f->view->ins.data[f->view->ins.len - 1].shift);   // same length but insertions
}

static void an_hoists_only_locals_live_across_an_await(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(int unused) {\n"
                   "  int before = 1, after = 2;\n"
                   "  before++;\n"
                   "  await g();\n"
                   "  return after;\n"
                   "}\n");
  assert_false(var(f, "unused")->hoisted);
  assert_false(var(f, "before")->hoisted);
  assert_true(var(f, "after")->hoisted);
}

static void an_loop_brings_an_earlier_use_around(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(void) {\n"
                   "  int sum = 0;\n"
                   "  for (int i = 0; i < 3; i++) {\n"
                   "    int fresh = i;\n"
                   "    sum += fresh;\n"
                   "    await g();\n"
                   "  }\n"
                   "  return 0;\n"
                   "}\n");
  assert_true(var(f, "sum")->hoisted);   // read before the await, next time round
  assert_true(var(f, "i")->hoisted);
  assert_false(var(f, "fresh")->hoisted);   // a new object each iteration
}

static void an_address_taken_local_forces_a_fixed_frame(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "void keep(int *p);\n"
                   "async int f(void) {\n"
                   "  int x = 0, y = 0;\n"
                   "  keep(&x);\n"
                   "  await g();\n"
                   "  return x + y;\n"
                   "}\n");
  Var *x = var(f, "x"), *y = var(f, "y");
  assert_true(x->address_taken);
  assert_false(y->address_taken);
  assert_true(f->facts.fns->next->an->heap_at_entry);
}

// A local with a cleanup attribute and an await in its scope: its cleanup
// reads it when the scope ends, so it is live across every await there,
// without fixing the frame; one whose scope holds no await keeps its
// attribute.  libclang gives the attribute's extent and the function.
static void an_cleanup_local_lives_across_awaits_in_its_scope(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "void done(int *p);\n"
                   "async int f(void) {\n"
                   "  { __attribute__((cleanup(done))) int c = 1;\n"
                   "    await g();\n"
                   "    await g(); }\n"
                   "  { __attribute__((cleanup(done))) int d = 2; }\n"
                   "  return 0;\n"
                   "}\n");
  Var *c = var(f, "c"), *d = var(f, "d");
  assert_true(c->cleanup);
  assert_int_equal(c->live_at.len, 2);
  assert_false(d->cleanup);
  assert_false(d->hoisted);
  assert_false(f->facts.fns->next->an->heap_at_entry);
  assert_string_equal(c->fact->cleanup_fn, "done");
  assert_int_equal(c->fact->cleanup_off, at(f, "cleanup(done))) int c", 0));
  assert_int_equal(c->fact->cleanup_end, at(f, "))) int c", 0) + 1);
}

static void an_uses_in_the_same_expression_follow_the_await(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "async int f(void) {\n"
                   "  int a = 1, b = 2;\n"
                   "  return a + await g(b);\n"
                   "}\n");
  assert_true(var(f, "a")->hoisted);    // read after the await runs
  assert_false(var(f, "b")->hoisted);   // read before, as its operand
}

// `i = i + await g()`: the right side's read of i runs after the await,
// the left side's write after that read.
static void an_read_and_write_around_an_await(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(void) {\n"
                   "  int i = 1, j = 2;\n"
                   "  i = i + await g();\n"
                   "  j = await g() + 1;\n"
                   "  return i + j;\n"
                   "}\n");
  assert_true(var(f, "i")->hoisted);
  assert_false(var(f, "j")->hoisted);
}

// With goto the graph is exact: a local rewritten after the await on every
// path is not live across it, even when a backward goto reaches the await
// again; one read after the label is.
static void an_goto_liveness_is_exact(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(int n) {\n"
                   "  int a = 1, b = 2, c = 0;\n"
                   "again:\n"
                   "  c += b;\n"
                   "  a = await g();\n"
                   "  if (a < n) goto again;\n"
                   "  return c;\n"
                   "}\n");
  assert_false(var(f, "a")->hoisted);   // written from the await's value
  assert_true(var(f, "b")->hoisted);    // read again after the goto
  assert_true(var(f, "c")->hoisted);
  assert_true(var(f, "n")->hoisted);
}

// A write after the await needs no value from before it (a freed pointer is
// not copied into the frame); one branch that reads is enough to be live.
static void an_only_reads_make_a_local_live(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(int which) {\n"
                   "  int w = 1, r = 2;\n"
                   "  await g();\n"
                   "  w = 3;\n"
                   "  if (which) r = 4; else w += r;\n"
                   "  return w;\n"
                   "}\n");
  assert_false(var(f, "w")->hoisted);
  assert_true(var(f, "r")->hoisted);
  assert_true(var(f, "which")->hoisted);
}

// Case labels are reached from the switch wherever they are (Duff's
// device): a local read under a later case is live across an await in an
// earlier one, which falls through.
static void an_switch_cases_are_edges(void **state) {
  (void)state;
  Front *f = front("async int g(void);\n"
                   "async int f(int k) {\n"
                   "  int x = 5, y = 6, z = 7;\n"
                   "  switch (k) {\n"
                   "  case 0: do { await g();\n"
                   "  case 1: x++; } while (--k > 0);\n"
                   "    break;\n"
                   "  default: y++;\n"
                   "  }\n"
                   "  return x + z;\n"
                   "}\n");
  assert_true(var(f, "x")->hoisted);
  assert_false(var(f, "y")->hoisted);   // only under default, never after the await
  assert_true(var(f, "z")->hoisted);
}

// The loop condition reads the counter again after an await in the body;
// a local assigned in the condition from an await is not live (the stream
// copy's `n`).
static void an_loop_condition_assigns_from_await(void **state) {
  (void)state;
  Front *f = front("async int rd(void);\n"
                   "async int wr(int n);\n"
                   "async int f(void) {\n"
                   "  int n, total = 0;\n"
                   "  while ((n = await rd()) > 0)\n"
                   "    total += await wr(n);\n"
                   "  return n < 0 ? n : total;\n"
                   "}\n");
  assert_false(var(f, "n")->hoisted);
  assert_true(var(f, "total")->hoisted);
}

static AsyncFn *last_fn(Front *f) {
  AsyncFn *fn = f->facts.fns;
  while (fn->next)
    fn = fn->next;
  return fn;
}

// Roslyn's <>t__stack: the values of the first two awaits wait across a
// later await, the third is used at once.
static void plan_spills_only_values_waiting_across_an_await(void **state) {
  (void)state;
  Front *f = front("int sum(int a, int b, int c);\n"
                   "async int f(ac_future(int) a, ac_future(int) b, ac_future(int) c) {\n"
                   "  return sum(await a, await b, await c);\n"
                   "}\n");
  Plan *p = plan_build(f->src, last_fn(f));
  assert_int_equal(p->awaits.len, 3);
  assert_int_equal(p->temps.len, 3);
  assert_int_equal(plan_spilled(p), 2);
  assert_true(p->temps.data[0].in_frame && p->temps.data[1].in_frame);
  assert_false(p->temps.data[2].in_frame);
  assert_int_equal(p->temps.data[0].used_after, 3);
}

// The order is the generated code's: a for loop's increment runs after its
// body; `a && await g()` makes an int temporary, spilled when the left
// side's value waits across an await of its own.
static void plan_awaits_in_the_order_they_run(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "async int f(int n) {\n"
                   "  int s = 0;\n"
                   "  for (int i = 0; i < n; i += await g(1))\n"
                   "    s += await g(2);\n"
                   "  if (await g(3) && await g(4))\n"
                   "    s++;\n"
                   "  await g(5);\n"
                   "  return s + (n ? await g(6) : 0);\n"
                   "}\n");
  Plan *p = plan_build(f->src, last_fn(f));
  assert_int_equal(p->awaits.len, 6);
  assert_int_equal(p->awaits.data[0]->off, at(f, "await g(2)", 0));   // the body first
  assert_int_equal(p->awaits.data[1]->off, at(f, "await g(1)", 0));
  assert_int_equal(p->awaits.data[4]->off, at(f, "await g(5)", 0));
  // g(1), g(2), g(3), the && value, g(4), g(6), the ?: value; g(5) is dropped
  assert_int_equal(p->temps.len, 7);
  assert_int_equal(plan_spilled(p), 0);
}

// A statement expression that awaits runs its statements where it
// stands: its value is a temporary made before them, spilled when a value
// of the expression around it waits across one of its awaits; its locals
// are hoisted as any block's.
static void plan_statement_expression_runs_where_it_stands(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "async int f(int n) {\n"
                   "  int x = await g(1) + ({ int k = n; await g(2); k + await g(3); });\n"
                   "  ({ await g(4); x++; });\n"
                   "  return x;\n"
                   "}\n");
  Plan *p = plan_build(f->src, last_fn(f));
  assert_int_equal(p->awaits.len, 4);
  assert_int_equal(p->awaits.data[1]->off, at(f, "await g(2)", 0));
  // g(1), the statement expression's value, g(3); g(2) and g(4) are dropped
  assert_int_equal(p->temps.len, 3);
  assert_int_equal(p->temps.data[1].off, at(f, "({ int k", 0));
  assert_true(p->temps.data[0].in_frame);     // g(1)'s value waits across g(2), g(3)
  assert_false(p->temps.data[1].in_frame);
  assert_false(p->temps.data[2].in_frame);
  assert_true(var(f, "k")->hoisted);          // read after await g(2)
  assert_int_equal(var(f, "n")->live_at.len, 1);   // read after g(1) only
  assert_int_equal(var(f, "n")->live_at.data[0], 1);
}

// A compound literal whose address outlives an await is kept in the frame:
// a slot of its own for its whole block, in a frame allocated on entry.
// One whose value is only copied is not.
static void layout_keeps_a_stored_compound_literal(void **state) {
  (void)state;
  Front *f = front("struct pt { int x, y; };\n"
                   "async int g(void);\n"
                   "async int f(void) {\n"
                   "  struct pt *p = &(struct pt){5, 6};\n"
                   "  struct pt q = (struct pt){7, 8};\n"
                   "  await g();\n"
                   "  return p->x + q.y;\n"
                   "}\n");
  AsyncFn *fn = last_fn(f);
  assert_true(fn->an->heap_at_entry);
  assert_int_equal(fn->an->literals.len, 1);
  assert_int_equal(fn->an->literals.data[0]->off, at(f, "(struct pt){5", 0));
  Layout *l = layout_build(fn, plan_build(f->src, fn));
  const FrameSlot *c = NULL;
  for (int i = 0; i < l->slots.len; i++)
    if (l->slots.data[i].literal)
      c = &l->slots.data[i];
  assert_non_null(c);
  assert_string_equal(c->name, "ac__c0");
  assert_int_equal(c->size, 8);
  assert_true(c->whole_scope);
  assert_int_equal(c->scope_off, fn->body_off);
}

// The slot of the frame field named name.
static int slot(const Layout *l, const char *name) {
  for (int i = 0; i < l->slots.len; i++)
    if (!strcmp(l->slots.data[i].name, name))
      return i;
  fail_msg("no slot %s", name);
  return -1;
}

// Copied locals and spilled temporaries need their bytes only at the
// suspensions they are live across: two locals of one block share when
// their live ranges do not meet, a temporary shares with a local live
// across other awaits.
static void layout_shares_what_is_never_live_together(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "int sum(int a, int b, int c);\n"
                   "async int one_block(int n) {\n"
                   "  long a = n * 2L;\n"
                   "  await g(1);\n"
                   "  n += (int)a;\n"
                   "  long b = n * 3L;\n"
                   "  await g(2);\n"
                   "  return sum((int)b, await g(3), await g(4)) + n;\n"
                   "}\n");
  AsyncFn *fn = last_fn(f);
  Layout *l = layout_build(fn, plan_build(f->src, fn));
  int a = slot(l, "a"), b = slot(l, "b"), n = slot(l, "n"), t = slot(l, "ac__t0");
  assert_false(layout_interfere(l, a, b));
  assert_int_equal(l->slots.data[a].off, l->slots.data[b].off);
  assert_true(layout_interfere(l, n, a) && layout_interfere(l, n, b) && layout_interfere(l, n, t));
  assert_false(layout_interfere(l, a, t));   // the value of await 3 waits across await 4
  assert_true(layout_interfere(l, b, t));    // b is read after awaits 3 and 4
  assert_true(l->size < l->unshared);
  for (int i = 0; i < l->slots.len; i++)   // interfering slots never overlap
    for (int j = 0; j < l->slots.len; j++) {
      const FrameSlot *x = &l->slots.data[i], *y = &l->slots.data[j];
      if (i != j && layout_interfere(l, i, j))
        assert_true(x->off + x->size <= y->off || y->off + y->size <= x->off);
      assert_int_equal(x->off % x->align, 0);
    }
}

// With an address taken every hoisted local is a frame field for its whole
// block: sibling blocks share, a block and the body it is in do not.
static void layout_frame_fields_share_only_sibling_blocks(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "async int h(int k) {\n"
                   "  int *p = &k;\n"
                   "  if (k > 0) { long x = 1; await g((int)x); *p += (int)x; }\n"
                   "  else { long y = 2; await g((int)y); *p += (int)y; }\n"
                   "  return *p;\n"
                   "}\n");
  AsyncFn *fn = last_fn(f);
  Layout *l = layout_build(fn, plan_build(f->src, fn));
  int x = slot(l, "x"), y = slot(l, "y"), p = slot(l, "p"), k = slot(l, "k");
  assert_true(l->slots.data[x].whole_scope && l->slots.data[p].whole_scope);
  assert_false(layout_interfere(l, x, y));
  assert_int_equal(l->slots.data[x].off, l->slots.data[y].off);
  assert_true(layout_interfere(l, p, x) && layout_interfere(l, p, y) && layout_interfere(l, k, p));
}

// The slots lower.c prints: by offset, dealt into structs (groups) whose
// slots never overlap; a slot with an alignment written on it (its number
// unknown here) is aligned to 16, the most a frame allows.  In a frame
// allocated on entry a spilled temporary is a frame field, so it also
// holds its bytes after the await that gives its value (bit `born`).
static void layout_groups_never_overlap_and_aligned_locals_get_16(void **state) {
  (void)state;
  Front *f = front("async int g(int v);\n"
                   "int f3(int a, int b, int c);\n"
                   "async int h(int k) {\n"
                   "  int *p = &k;\n"
                   "  _Alignas(8) char tag = 1;\n"
                   "  { long x = 1; await g((int)x); *p += (int)x + tag; }\n"
                   "  { long y = 2; await g((int)y); *p += (int)y; }\n"
                   "  return f3(await g(1), await g(2), await g(3)) + *p;\n"
                   "}\n");
  AsyncFn *fn = last_fn(f);
  Layout *l = layout_build(fn, plan_build(f->src, fn));
  int x = slot(l, "x"), y = slot(l, "y"), tag = slot(l, "tag");
  assert_int_equal(l->slots.data[tag].align, 16);
  assert_int_equal(l->slots.data[tag].off % 16, 0);
  assert_true(l->ngroups > 1);
  assert_int_equal(l->slots.data[x].off, l->slots.data[y].off);
  assert_int_not_equal(l->slots.data[x].group, l->slots.data[y].group);
  for (int i = 1; i < l->slots.len; i++)   // by offset
    assert_true(l->slots.data[l->by_off[i - 1]].off <= l->slots.data[l->by_off[i]].off);
  for (int i = 0; i < l->slots.len; i++)
    for (int j = 0; j < l->slots.len; j++) {
      const FrameSlot *a = &l->slots.data[i], *b = &l->slots.data[j];
      if (i != j && a->group == b->group)
        assert_true(a->off + a->size <= b->off || b->off + b->size <= a->off);
      assert_true(a->off + a->size <= l->end);
    }
  int t0 = slot(l, "ac__t0"), t1 = slot(l, "ac__t1");   // values of awaits 3 and 4
  const Plan *plan = l->plan;
  assert_int_equal(plan->temps.data[l->slots.data[t0].temp].born, 3);
  assert_true(l->slots.data[t0].at[0] >> 2 & 1);   // await 3: its own
  assert_true(l->slots.data[t1].at[0] >> 3 & 1);
  assert_true(layout_interfere(l, t0, t1));
  char *shares = layout_shares(l, x);
  assert_non_null(shares);
  assert_non_null(strstr(shares, "y"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(facts_async_headers_found),
      cmocka_unit_test(facts_await_has_result_type),
      cmocka_unit_test(facts_name_refers_to_its_declaration),
      cmocka_unit_test(facts_typedef_and_type_macro_are_type_names),
      cmocka_unit_test(facts_skipped_if_group_marks_tokens),
      cmocka_unit_test(view_maps_offsets_back_through_insertions),
      cmocka_unit_test(facts_var_traits_come_from_libclang),
      cmocka_unit_test(view_hollows_plain_bodies_that_need_no_libclang),
      cmocka_unit_test(an_hoists_only_locals_live_across_an_await),
      cmocka_unit_test(an_loop_brings_an_earlier_use_around),
      cmocka_unit_test(an_address_taken_local_forces_a_fixed_frame),
      cmocka_unit_test(an_cleanup_local_lives_across_awaits_in_its_scope),
      cmocka_unit_test(an_uses_in_the_same_expression_follow_the_await),
      cmocka_unit_test(an_read_and_write_around_an_await),
      cmocka_unit_test(an_goto_liveness_is_exact),
      cmocka_unit_test(an_only_reads_make_a_local_live),
      cmocka_unit_test(an_switch_cases_are_edges),
      cmocka_unit_test(an_loop_condition_assigns_from_await),
      cmocka_unit_test(plan_spills_only_values_waiting_across_an_await),
      cmocka_unit_test(plan_awaits_in_the_order_they_run),
      cmocka_unit_test(plan_statement_expression_runs_where_it_stands),
      cmocka_unit_test(layout_keeps_a_stored_compound_literal),
      cmocka_unit_test(layout_shares_what_is_never_live_together),
      cmocka_unit_test(layout_frame_fields_share_only_sibling_blocks),
      cmocka_unit_test(layout_groups_never_overlap_and_aligned_locals_get_16),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
