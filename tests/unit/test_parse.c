// test_parse.c: the async-body grammar (grammar/parse.y).
//
// Each case scans a body `{ ... }` with the real scanner and parses it.
// Tree shapes are checked as S-expressions built here (`(+ a (* b c))`),
// ranges and the dump format through parse_dump, and errors through the
// diagnostics captured from stderr.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "acc.h"

// --- harness ----------------------------------------------------------

static Source *src;

// Identifiers whose text is in the space-separated list are type names;
// with types == NULL, the token offsets in type_offs are (scope-aware
// answers, as libclang gives them).
typedef struct {
  const char *types;
  int type_offs[8];
  int ntype_offs;
} TypeCtx;

static bool is_type(void *ctx, const Token *t) {
  TypeCtx *tc = ctx;
  if (!tc->types) {
    for (int i = 0; i < tc->ntype_offs; i++)
      if (tc->type_offs[i] == t->off)
        return true;
    return false;
  }
  for (const char *p = tc->types; *p;) {
    const char *q = strchr(p, ' ');
    int n = q ? q - p : (int)strlen(p);
    if (n == t->len && !memcmp(p, src->text + t->off, n))
      return true;
    if (!q)
      break;
    p = q + 1;
  }
  return false;
}

static TokenList tokens;

// Scans text; the body is the first `{` to the last `}`.
static Node *parse_ctx(const char *text, TypeCtx *tc) {
  src = source_from_string("t.c", text, strlen(text));
  diag_init(src);
  tokens = scan_file(src);
  int first = -1, last = -1;
  for (int i = 0; i < tokens.ntoks; i++) {
    if (scan_token_is(src, &tokens.toks[i], "{") && first < 0)
      first = i;
    if (scan_token_is(src, &tokens.toks[i], "}"))
      last = i;
  }
  assert_true(first >= 0 && last > first);
  ParseInput in = {src, &tokens, first, last, is_type, NULL, tc};
  return parse_body(&in);
}

static Node *parse_types(const char *text, const char *types) {
  TypeCtx tc = {.types = types};
  return parse_ctx(text, &tc);
}

static Node *parse(const char *text) {
  return parse_types(text, "");
}

static char *text_of(int off, int end) {
  return arena_strndup(src->text + off, end - off);
}

static char *sx(const Node *n);

static char *sx_list(const char *s, const Node *n) {
  for (; n; n = n->next)
    s = arena_printf("%s %s", s, sx(n));
  return (char *)s;
}

// A compact S-expression of an expression or statement tree.
static char *sx(const Node *n) {
  if (!n)
    return "_";
  char *op = text_of(n->op, n->op + n->oplen);
  char *name = n->name_off >= 0 ? text_of(n->name_off, n->name_off + n->name_len) : "";
  char *type = n->type_off >= 0 ? text_of(n->type_off, n->type_end) : "";
  switch (n->kind) {
  case ND_IDENT: return name;
  case ND_LITERAL: return text_of(n->off, n->end);
  case ND_AWAIT: return arena_printf("(await %s)", sx(n->lhs));
  case ND_UNARY: return arena_printf("(%s %s)", op, sx(n->lhs));
  case ND_POSTFIX: return arena_printf("(post%s %s)", op, sx(n->lhs));
  case ND_BINARY:
  case ND_ASSIGN:
  case ND_COMMA: return arena_printf("(%s %s %s)", op, sx(n->lhs), sx(n->rhs));
  case ND_COND:
    return arena_printf("(?: %s %s %s)", sx(n->cond), sx(n->then), sx(n->els));
  case ND_CALL: return arena_printf("(call %s%s)", sx(n->lhs), sx_list("", n->args));
  case ND_INDEX: return arena_printf("([] %s %s)", sx(n->lhs), sx(n->rhs));
  case ND_MEMBER: return arena_printf("(%s %s %s)", op, sx(n->lhs), name);
  case ND_CAST: return arena_printf("(cast {%s} %s)", type, sx(n->lhs));
  case ND_SIZEOF:
    return n->lhs ? arena_printf("(sizeof %s)", sx(n->lhs))
                  : arena_printf("(sizeof {%s})", type);
  case ND_ALIGNOF:
    return n->lhs ? arena_printf("(alignof %s)", sx(n->lhs))
                  : arena_printf("(alignof {%s})", type);
  case ND_COMPOUND_LIT: return arena_printf("(lit {%s} %s)", type, sx(n->body));
  case ND_INIT_LIST: return arena_printf("{%s }", sx_list("", n->body));
  case ND_DESIGNATED: return arena_printf("(desig %s)", sx(n->rhs));
  case ND_STMT_EXPR: return arena_printf("(stmt_expr %s)", sx(n->body));
  case ND_GENERIC: return arena_printf("(generic %s%s)", sx(n->lhs), sx_list("", n->args));
  case ND_BUILTIN: return arena_printf("(builtin {%s} %s)", type, sx(n->lhs));
  case ND_LABEL_ADDR: return arena_printf("(&& %s)", name);
  case ND_BLOCK: return arena_printf("{%s }", sx_list("", n->body));
  case ND_DECL: return arena_printf("(decl {%s}%s)", type, sx_list("", n->body));
  case ND_VAR: {
    char *s = arena_printf("(var %s", name);
    if (n->args)
      s = arena_printf("%s [%s ]", s, sx_list("", n->args));
    return arena_printf("%s %s)", s, sx(n->init));
  }
  case ND_TYPEDEF: return arena_printf("(typedef {%s})", type);
  case ND_EXPR_STMT: return arena_printf("%s;", sx(n->lhs));
  case ND_NULL_STMT: return ";";
  case ND_IF:
    return arena_printf("(if %s %s %s)", sx(n->cond), sx(n->then), sx(n->els));
  case ND_WHILE: return arena_printf("(while %s %s)", sx(n->cond), sx(n->body));
  case ND_DO: return arena_printf("(do %s %s)", sx(n->body), sx(n->cond));
  case ND_FOR:
    return arena_printf("(for %s %s %s %s)", sx(n->init), sx(n->cond),
                        sx(n->inc), sx(n->body));
  case ND_SWITCH: return arena_printf("(switch %s %s)", sx(n->cond), sx(n->body));
  case ND_CASE:
    return n->rhs ? arena_printf("(case %s...%s %s)", sx(n->lhs), sx(n->rhs), sx(n->body))
                  : arena_printf("(case %s %s)", sx(n->lhs), sx(n->body));
  case ND_DEFAULT: return arena_printf("(default %s)", sx(n->body));
  case ND_LABEL: return arena_printf("(label %s %s)", name, sx(n->body));
  case ND_GOTO:
    return n->lhs ? arena_printf("(goto* %s)", sx(n->lhs)) : arena_printf("(goto %s)", name);
  case ND_BREAK: return "break";
  case ND_CONTINUE: return "continue";
  case ND_RETURN: return arena_printf("(return %s)", sx(n->lhs));
  case ND_ASM: return arena_printf("(asm {%s})", text_of(n->off, n->end));
  case ND_STATIC_ASSERT: return arena_printf("(static_assert %s)", sx(n->lhs));
  }
  return "?";
}

// The S-expression of a whole body.
static char *body_sx(const char *text, const char *types) {
  Node *n = parse_types(text, types);
  assert_non_null(n);
  return sx(n);
}

// The S-expression of `{ E; }`'s expression.
static char *expr_sx(const char *expr) {
  char *text = arena_printf("{ %s; }", expr);
  Node *n = parse(text);
  assert_non_null(n);
  assert_int_equal(n->body->kind, ND_EXPR_STMT);
  assert_null(n->body->next);
  return sx(n->body->lhs);
}

static char *dump(const Node *n) {
  char *buf;
  size_t len;
  parse_dump(src, n, &buf, &len);
  char *s = arena_strndup(buf, len);
  free(buf);
  return s;
}

// stderr goes to a temporary file between capture_start and capture_end.
static int saved_stderr = -1;
static FILE *captured;

static void capture_start(void) {
  fflush(stderr);
  captured = tmpfile();
  assert_non_null(captured);
  saved_stderr = dup(2);
  dup2(fileno(captured), 2);
}

static char *capture_end(void) {
  fflush(stderr);
  dup2(saved_stderr, 2);
  close(saved_stderr);
  long n = ftell(captured);
  rewind(captured);
  char *s = arena_alloc(n + 1);
  assert_int_equal(fread(s, 1, n, captured), (size_t)n);
  fclose(captured);
  return s;
}

// Parses text that must fail; returns the diagnostics.
static char *parse_error(const char *text) {
  int before = diag_error_count();
  capture_start();
  Node *n = parse(text);
  char *err = capture_end();
  assert_null(n);
  assert_int_equal(diag_error_count(), before + 1);
  return err;
}

#define assert_has(hay, needle)                                               \
  do {                                                                        \
    if (!strstr((hay), (needle)))                                             \
      fail_msg("'%s' not found in:\n%s", (needle), (hay));                    \
  } while (0)

// --- expressions ------------------------------------------------------

static void parse_binary_operators_follow_c_precedence(void **state) {
  (void)state;
  assert_string_equal(expr_sx("a + b * c"), "(+ a (* b c))");
  assert_string_equal(expr_sx("a - b - c"), "(- (- a b) c)");
  assert_string_equal(expr_sx("a << b + c < d == e & f ^ g | h"),
                      "(| (^ (& (== (< (<< a (+ b c)) d) e) f) g) h)");
  assert_string_equal(expr_sx("a || b && c | d"), "(|| a (&& b (| c d)))");
  assert_string_equal(expr_sx("a = b += c ? d : e ? f : g"),
                      "(= a (+= b (?: c d (?: e f g))))");
  assert_string_equal(expr_sx("a, b = c, d"), "(, (, a (= b c)) d)");
  assert_string_equal(expr_sx("a % b / c"), "(/ (% a b) c)");
  assert_string_equal(expr_sx("a >= b >> c"), "(>= a (>> b c))");
  assert_string_equal(expr_sx("a != b <= c"), "(!= a (<= b c))");
  assert_string_equal(expr_sx("x <<= y >>= z"), "(<<= x (>>= y z))");
}

static void parse_unary_and_postfix_bind_tighter(void **state) {
  (void)state;
  assert_string_equal(expr_sx("-a * !b"), "(* (- a) (! b))");
  assert_string_equal(expr_sx("*p++"), "(* (post++ p))");
  assert_string_equal(expr_sx("&a[1].b->c"), "(& (-> (. ([] a 1) b) c))");
  assert_string_equal(expr_sx("++*--p"), "(++ (* (-- p)))");
  assert_string_equal(expr_sx("~f(1, g(2), 3)"), "(~ (call f 1 (call g 2) 3))");
  assert_string_equal(expr_sx("sizeof a + 1"), "(+ (sizeof a) 1)");
  assert_string_equal(expr_sx("sizeof(int *) * 2"), "(* (sizeof {int *}) 2)");
  assert_string_equal(expr_sx("(a + b) * c"), "(* (+ a b) c)");
  assert_string_equal(expr_sx("(*fp)(x)"), "(call (* fp) x)");
  assert_string_equal(expr_sx("f()()"), "(call (call f))");
}

static void parse_cast_and_compound_literal(void **state) {
  (void)state;
  assert_string_equal(expr_sx("(long)a + b"), "(+ (cast {long} a) b)");
  assert_string_equal(expr_sx("(unsigned char *)(p + 1)"),
                      "(cast {unsigned char *} (+ p 1))");
  assert_string_equal(expr_sx("(struct point){1, .y = 2}"),
                      "(lit {struct point} { 1 (desig 2) })");
  assert_string_equal(expr_sx("(int[]){1, 2,}[0]"), "([] (lit {int[]} { 1 2 }) 0)");
  assert_string_equal(expr_sx("(int (*)(void))f"), "(cast {int (*)(void)} f)");
}

static void parse_await_binds_like_unary_star(void **state) {
  (void)state;
  assert_string_equal(expr_sx("await f() + 1"), "(+ (await (call f)) 1)");
  assert_string_equal(expr_sx("await *p"), "(await (* p))");
  assert_string_equal(expr_sx("*await p"), "(* (await p))");
  assert_string_equal(expr_sx("-await g()"), "(- (await (call g)))");
  assert_string_equal(expr_sx("await a.b[2]->c"), "(await (-> ([] (. a b) 2) c))");
  assert_string_equal(expr_sx("await (long)x"), "(await (cast {long} x))");
  assert_string_equal(expr_sx("await f() * await g()"),
                      "(* (await (call f)) (await (call g)))");
  assert_string_equal(expr_sx("(await f()).x"), "(. (await (call f)) x)");
  assert_string_equal(expr_sx("await await f()"), "(await (await (call f)))");
}

static void parse_await_in_every_position(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ int v = await f(), w = 1 + await g(v); }", ""),
      "{ (decl {int} (var v (await (call f))) (var w (+ 1 (await (call g v))))) }");
  assert_string_equal(body_sx("{ if (await f()) return await g(); }", ""),
                      "{ (if (await (call f)) (return (await (call g))) _) }");
  assert_string_equal(body_sx("{ while (await f() > 0) ; }", ""),
                      "{ (while (> (await (call f)) 0) ;) }");
  assert_string_equal(
      body_sx("{ for (int i = await n(); i < await m(); i += await k()) x; }", ""),
      "{ (for (decl {int} (var i (await (call n)))) (< i (await (call m))) "
      "(+= i (await (call k))) x;) }");
  assert_string_equal(body_sx("{ h(1, await f(), await g(await h())); }", ""),
                      "{ (call h 1 (await (call f)) (await (call g (await (call h))))); }");
  assert_string_equal(body_sx("{ s += await f(); a[await i()] = await v(); }", ""),
                      "{ (+= s (await (call f))); (= ([] a (await (call i))) (await (call v))); }");
  assert_string_equal(body_sx("{ x = c ? await f() : await g(); }", ""),
                      "{ (= x (?: c (await (call f)) (await (call g)))); }");
  assert_string_equal(body_sx("{ do x++; while (await f()); }", ""),
                      "{ (do (post++ x); (await (call f))) }");
  assert_string_equal(body_sx("{ switch (await f()) { case 1: break; } }", ""),
                      "{ (switch (await (call f)) { (case 1 break) }) }");
}

// --- declarations -----------------------------------------------------

static void parse_declarators_of_every_shape(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ static const int *p = 0, a[10], (*fp)(int, char *), b = 3; }", ""),
      "{ (decl {static const int} (var p 0) (var a [ 10 ] _) (var fp _) (var b 3)) }");
  assert_string_equal(body_sx("{ int (*ap)[4], *(*f2(void))(int), m[2][3]; }", ""),
                      "{ (decl {int} (var ap [ 4 ] _) (var f2 _) (var m [ 2 3 ] _)) }");
  assert_string_equal(body_sx("{ char buf[n + 1]; }", ""),
                      "{ (decl {char} (var buf [ (+ n 1) ] _)) }");
  assert_string_equal(
      body_sx("{ register unsigned long long r __asm__(\"r1\") __attribute__((unused)); }", ""),
      "{ (decl {register unsigned long long} (var r _)) }");
  assert_string_equal(body_sx("{ int __restrict *__const q; volatile _Bool b; }", ""),
                      "{ (decl {int __restrict} (var q _)) (decl {volatile _Bool} (var b _)) }");
  assert_string_equal(body_sx("{ _Thread_local static int t; extern int e(void); }", ""),
                      "{ (decl {_Thread_local static int} (var t _)) (decl {extern int} (var e _)) }");
  assert_string_equal(body_sx("{ static __inline int f(int (*)(void *, ...)); }", ""),
                      "{ (decl {static __inline int} (var f _)) }");
}

static void parse_initializers_nest_and_designate(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ struct s v = { .a = 1, .b.c[2] = { 3, 4 }, [5 ... 7] = x, 9, }; }", ""),
      "{ (decl {struct s} (var v { (desig 1) (desig { 3 4 }) (desig x) 9 })) }");
  assert_string_equal(body_sx("{ int z[2][2] = {{1}, {}}; }", ""),
                      "{ (decl {int} (var z [ 2 2 ] { { 1 } { } })) }");
  assert_string_equal(body_sx("{ struct s o = { a: 1 }; }", ""),
                      "{ (decl {struct s} (var o { (desig 1) })) }");
}

static void parse_type_specifiers_kept_as_ranges(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ struct { int a; struct { int b; } in; } anon; }", ""),
                      "{ (decl {struct { int a; struct { int b; } in; }} (var anon _)) }");
  assert_string_equal(body_sx("{ enum color { RED = 1, GREEN } c = RED; }", ""),
                      "{ (decl {enum color { RED = 1, GREEN }} (var c RED)) }");
  assert_string_equal(body_sx("{ union __attribute__((packed)) u x; }", ""),
                      "{ (decl {union __attribute__((packed)) u} (var x _)) }");
  assert_string_equal(body_sx("{ struct s; }", ""), "{ (decl {struct s}) }");
  assert_string_equal(body_sx("{ _Atomic(int) a; _Atomic int b; _Alignas(16) char c[16]; }", ""),
                      "{ (decl {_Atomic(int)} (var a _)) (decl {_Atomic int} (var b _)) "
                      "(decl {_Alignas(16) char} (var c [ 16 ] _)) }");
  assert_string_equal(body_sx("{ __typeof__(x + 1) y; typeof(int *) z; __auto_type w = y; }", ""),
                      "{ (decl {__typeof__(x + 1)} (var y _)) (decl {typeof(int *)} (var z _)) "
                      "(decl {__auto_type} (var w y)) }");
  assert_string_equal(body_sx("{ unsigned __int128 big; _Complex double cd; }", ""),
                      "{ (decl {unsigned __int128} (var big _)) (decl {_Complex double} (var cd _)) }");
}

static void parse_typedef_declaration_is_kept_whole(void **state) {
  (void)state;
  // Only the use of I is a type name: the declared names are not.
  TypeCtx tc = {.types = NULL, .type_offs = {22}, .ntype_offs = 1};
  Node *n = parse_ctx("{ typedef int I, *IP; I i; }", &tc);
  assert_non_null(n);
  assert_int_equal(n->body->kind, ND_TYPEDEF);
  assert_string_equal(text_of(n->body->off, n->body->end), "typedef int I, *IP;");
  assert_string_equal(text_of(n->body->type_off, n->body->type_end), "typedef int");
}

static void parse_typedef_name_decides_declaration_or_product(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ T * x; }", "T"), "{ (decl {T} (var x _)) }");
  assert_string_equal(body_sx("{ T * x; }", ""), "{ (* T x); }");
  assert_string_equal(body_sx("{ (T)(x); }", "T"), "{ (cast {T} x); }");
  assert_string_equal(body_sx("{ (T)(x); }", ""), "{ (call T x); }");
  assert_string_equal(body_sx("{ T(x); }", "T"), "{ (decl {T} (var x _)) }");
  assert_string_equal(body_sx("{ sizeof(T) * y; }", "T"), "{ (* (sizeof {T}) y); }");
}

// The callback answers per token offset, as libclang does: the inner `T`
// is a variable that hides the typedef, so `T * x` there is a product.
static void parse_typedef_name_hidden_in_inner_scope(void **state) {
  (void)state;
  const char *text = "{ T a; { int T; T * x; } T * y; }";
  //                  0123456789012345678901234567890
  TypeCtx tc = {.types = NULL, .type_offs = {2, 25}, .ntype_offs = 2};
  Node *n = parse_ctx(text, &tc);
  assert_non_null(n);
  assert_string_equal(sx(n), "{ (decl {T} (var a _)) { (decl {int} (var T _)) (* T x); } "
                             "(decl {T} (var y _)) }");
}

static void parse_type_name_is_a_fine_member_label_or_tag(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ T: x.T = p->T; goto T; }", "T"),
                      "{ (label T (= (. x T) (-> p T));) (goto T) }");
  assert_string_equal(body_sx("{ struct T t; }", "T"), "{ (decl {struct T} (var t _)) }");
}

// --- statements -------------------------------------------------------

static void parse_statements_of_every_kind(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ if (a) if (b) x; else y; }", ""),
      "{ (if a (if b x; y;) _) }");
  assert_string_equal(body_sx("{ for (;;) ; for (i = 0; ; ) break; }", ""),
                      "{ (for _ _ _ ;) (for (= i 0); _ _ break) }");
  assert_string_equal(body_sx("{ while (1) { continue; } do ; while (0); }", ""),
                      "{ (while 1 { continue }) (do ; 0) }");
  assert_string_equal(body_sx("{ out: return; goto out; }", ""),
                      "{ (label out (return _)) (goto out) }");
  assert_string_equal(
      body_sx("{ switch (c) { case 1 ... 3: x; default: case 4: y; break; } }", ""),
      "{ (switch c { (case 1...3 x;) (default (case 4 y;)) break }) }");
  assert_string_equal(body_sx("{ _Static_assert(sizeof(int) == 4, \"int\"); }", ""),
                      "{ (static_assert (== (sizeof {int}) 4)) }");
  assert_string_equal(body_sx("{ { } ; }", ""), "{ { } ; }");
}

// gcc and clang accept these C23 forms in gnu11 mode.
static void parse_labels_before_declarations_and_at_block_end(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ switch (n) { case 1: int x = 2; f(x); default: } }", ""),
                      "{ (switch n { (case 1 (decl {int} (var x 2))) (call f x); (default _) }) }");
  assert_string_equal(body_sx("{ if (x) goto out; f(); out: }", ""),
                      "{ (if x (goto out) _) (call f); (label out _) }");
  assert_string_equal(body_sx("{ a: b: }", ""), "{ (label a (label b _)) }");
  assert_string_equal(body_sx("{ a: b: c; }", ""), "{ (label a (label b c;)) }");
  Node *n = parse("{ x; out: }");
  assert_non_null(n);
  assert_string_equal(text_of(n->body->next->off, n->body->next->end), "out:");
}

static void parse_duff_device_case_in_nested_block(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ switch (n % 4) { case 0: do { *to = *from++;"
              " case 3: *to = *from++; case 2: *to = *from++;"
              " case 1: *to = *from++; } while (--n > 0); } }", ""),
      "{ (switch (% n 4) { (case 0 (do { (= (* to) (* (post++ from))); "
      "(case 3 (= (* to) (* (post++ from)));) (case 2 (= (* to) (* (post++ from)));) "
      "(case 1 (= (* to) (* (post++ from)));) } (> (-- n) 0))) }) }");
}

// --- GNU extensions ---------------------------------------------------

static void parse_gnu_expressions(void **state) {
  (void)state;
  assert_string_equal(expr_sx("({ int t = f(); t * 2; })"),
                      "(stmt_expr { (decl {int} (var t (call f))) (* t 2); })");
  assert_string_equal(expr_sx("a ?: b"), "(?: a _ b)");
  assert_string_equal(expr_sx("__extension__ 1LL << 40"), "(<< (__extension__ 1LL) 40)");
  assert_string_equal(expr_sx("__real__ z + __imag__ z"), "(+ (__real__ z) (__imag__ z))");
  assert_string_equal(expr_sx("__alignof__ x + _Alignof(long)"),
                      "(+ (alignof x) (alignof {long}))");
  assert_string_equal(expr_sx("__builtin_va_arg(ap, char *)"), "(builtin {char *} ap)");
  assert_string_equal(expr_sx("__builtin_offsetof(struct s, a.b[2])"),
                      "(builtin {struct s} _)");
  assert_string_equal(expr_sx("__builtin_types_compatible_p(int, long)"), "(builtin {int} _)");
  assert_string_equal(expr_sx("_Generic(x, int: 1, char *: f(), default: 0)"),
                      "(generic x 1 (call f) 0)");
  assert_string_equal(expr_sx("p = &&done"), "(= p (&& done))");
  assert_string_equal(expr_sx("\"a\" \"b\" L\"c\""), "\"a\" \"b\" L\"c\"");
  assert_string_equal(expr_sx("printf(\"%\" PRIu64 \"\\n\", x)"),
                      "(call printf \"%\" PRIu64 \"\\n\" x)");
  assert_string_equal(expr_sx("f(FMT \"x\", __FILE__)"), "(call f FMT \"x\" __FILE__)");
}

static void parse_gnu_statements(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ goto *tab[i]; }", ""), "{ (goto* ([] tab i)) }");
  assert_string_equal(
      body_sx("{ __asm__ __volatile__(\"nop\" : : \"r\"(x) : \"memory\"); }", ""),
      "{ (asm {__asm__ __volatile__(\"nop\" : : \"r\"(x) : \"memory\");}) }");
  assert_string_equal(body_sx("{ asm goto (\"jmp %l0\" :::: out); out: ; }", ""),
                      "{ (asm {asm goto (\"jmp %l0\" :::: out);}) (label out ;) }");
  assert_string_equal(body_sx("{ case 1: f(); __attribute__((fallthrough)); case 2: ; }", ""),
                      "{ (case 1 (call f);) ; (case 2 ;) }");
  assert_string_equal(body_sx("{ l: __attribute__((unused)); }", ""), "{ (label l ;) }");
  assert_string_equal(body_sx("{ __attribute__((cleanup(f))) int *p = 0; }", ""),
                      "{ (decl {__attribute__((cleanup(f))) int} (var p 0)) }");
  assert_string_equal(body_sx("{ __extension__ long long ll = 1; }", ""),
                      "{ (decl {long long} (var ll 1)) }");
  assert_string_equal(body_sx("{ __label__ a, b; a: b: ; }", ""),
                      "{ (decl {__label__ a, b;}) (label a (label b ;)) }");
  assert_string_equal(body_sx("{ int *__attribute__((aligned(8))) p; }", ""),
                      "{ (decl {int} (var p _)) }");
  assert_string_equal(body_sx("{ int a, __attribute__((unused)) b = 1; }", ""),
                      "{ (decl {int} (var a _) (var b 1)) }");
}

static void parse_pragma_operator_is_invisible(void **state) {
  (void)state;
  assert_string_equal(
      body_sx("{ _Pragma(\"GCC diagnostic push\") x = 1; y _Pragma(\"x\") ; }", ""),
      "{ (= x 1); y; }");
}

static void parse_declarators_nest_like_c(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ char (*(*x())[5])(); void (*signal(int, void (*)(int)))(int); }", ""),
                      "{ (decl {char} (var x [ 5 ] _)) (decl {void} (var signal _)) }");
  assert_string_equal(body_sx("{ extern int h(int a[static 10], int b[const *], ...); }", ""),
                      "{ (decl {extern int} (var h _)) }");
  assert_string_equal(body_sx("{ n = sizeof (int){1} + sizeof(int[3]); }", ""),
                      "{ (= n (+ (sizeof (lit {int} { 1 })) (sizeof {int[3]}))); }");
  assert_string_equal(body_sx("{ for (struct { int i; } s = {0}; s.i < 3; s.i++) ; }", ""),
                      "{ (for (decl {struct { int i; }} (var s { 0 })) (< (. s i) 3) "
                      "(post++ (. s i)) ;) }");
}

// Source is parsed unexpanded: macros that stand for types or builtins.
static void parse_macros_for_types_and_builtins(void **state) {
  (void)state;
  assert_string_equal(body_sx("{ VEC(int) v = {0}; VEC(T *) *p = (VEC(int) *)q; }", "VEC T"),
                      "{ (decl {VEC(int)} (var v { 0 })) "
                      "(decl {VEC(T *)} (var p (cast {VEC(int) *} q))) }");
  assert_string_equal(body_sx("{ T (x); T (*fp)(int); bool (*g)(void) = 0; }", "T bool"),
                      "{ (decl {T} (var x _)) (decl {T} (var fp _)) (decl {bool} (var g 0)) }");
  assert_string_equal(expr_sx("offsetof(struct op, reg) + va_arg(ap, int)"),
                      "(+ (builtin {struct op} _) (builtin {int} ap))");
  assert_string_equal(expr_sx("offsetof + va_arg"), "(+ offsetof va_arg)");
}

// --- ranges -----------------------------------------------------------

static void parse_node_ranges_are_exact(void **state) {
  (void)state;
  const char *text = "{ int v = (a + b) * await  f(\"x\" \"y\"), w;\n  x = v; }";
  Node *n = parse(text);
  assert_non_null(n);
  assert_string_equal(text_of(n->off, n->end), text);
  Node *decl = n->body;
  assert_string_equal(text_of(decl->off, decl->end),
                      "int v = (a + b) * await  f(\"x\" \"y\"), w;");
  assert_string_equal(text_of(decl->type_off, decl->type_end), "int");
  Node *v = decl->body;
  assert_string_equal(text_of(v->off, v->end), "v = (a + b) * await  f(\"x\" \"y\")");
  assert_string_equal(text_of(v->name_off, v->name_off + v->name_len), "v");
  Node *mul = v->init;
  assert_string_equal(text_of(mul->off, mul->end), "(a + b) * await  f(\"x\" \"y\")");
  assert_string_equal(text_of(mul->lhs->off, mul->lhs->end), "a + b");
  assert_string_equal(text_of(mul->op, mul->op + mul->oplen), "*");
  Node *aw = mul->rhs;
  assert_int_equal(aw->kind, ND_AWAIT);
  assert_string_equal(text_of(aw->off, aw->end), "await  f(\"x\" \"y\")");
  assert_string_equal(text_of(aw->lhs->off, aw->lhs->end), "f(\"x\" \"y\")");
  assert_string_equal(text_of(aw->lhs->args->off, aw->lhs->args->end), "\"x\" \"y\"");
  Node *w = v->next;
  assert_string_equal(text_of(w->off, w->end), "w");
  Node *stmt = decl->next;
  assert_string_equal(text_of(stmt->off, stmt->end), "x = v;");
  assert_string_equal(text_of(stmt->lhs->off, stmt->lhs->end), "x = v");
}

static void parse_ranges_skip_directives_and_skipped_groups(void **state) {
  (void)state;
  const char *text = "{\n#if 0\n  junk ( ;\n#endif\n  x;\n#define Y 1\n  y;\n}";
  src = source_from_string("t.c", text, strlen(text));
  diag_init(src);
  tokens = scan_file(src);
  const char *junk = strstr(text, "junk");
  for (int i = 0; i < tokens.ntoks; i++)
    if (tokens.toks[i].off >= junk - text && tokens.toks[i].off < junk - text + 8)
      tokens.toks[i].flags |= TF_SKIPPED;
  TypeCtx tc = {.types = ""};
  ParseInput in = {src, &tokens, 0, tokens.ntoks - 2, is_type, NULL, &tc};
  Node *n = parse_body(&in);
  assert_non_null(n);
  assert_string_equal(sx(n), "{ x; y; }");
  assert_string_equal(text_of(n->body->off, n->body->end), "x;");
}

static void parse_dump_shows_kind_op_name_and_range(void **state) {
  (void)state;
  Node *n = parse("{ int x = 1; if (x) y += await f(); }");
  assert_non_null(n);
  assert_string_equal(dump(n),
                      "block [0,37)\n"
                      "  decl type 'int' [2,12)\n"
                      "    var x [6,11)\n"
                      "      init: literal 1 [10,11)\n"
                      "  if [13,35)\n"
                      "    cond: ident x [17,18)\n"
                      "    then: expr_stmt [20,35)\n"
                      "      lhs: assign '+=' [20,34)\n"
                      "        lhs: ident y [20,21)\n"
                      "        rhs: await [25,34)\n"
                      "          lhs: call [31,34)\n"
                      "            lhs: ident f [31,32)\n");
}

// --- errors -----------------------------------------------------------

static void parse_syntax_error_at_offending_token(void **state) {
  (void)state;
  char *err = parse_error("{ int x = 1 int y; }");
  assert_has(err, "t.c:1:13: error: expected ");
  assert_has(err, "';'");
  assert_has(err, "before 'int'");
}

static void parse_missing_operand_says_expression(void **state) {
  (void)state;
  char *err = parse_error("{\n  x = ;\n}");
  assert_has(err, "t.c:2:7: error: expected expression before ';'");
}

static void parse_missing_paren_is_reported(void **state) {
  (void)state;
  char *err = parse_error("{ if (x y = 1; }");
  assert_has(err, "t.c:1:9: error: expected ");
  assert_has(err, "')'");
  assert_has(err, "before 'y'");
}

static void parse_stray_tokens_are_named(void **state) {
  (void)state;
  assert_has(parse_error("{ x = 1 }"), "t.c:1:9: error: expected ';' before '}'");
  assert_has(parse_error("{ else x; }"), "t.c:1:3: error: expected statement before 'else'");
  assert_has(parse_error("{ async int x; }"), "t.c:1:3: error: expected statement before 'async'");
  assert_has(parse_error("{ f(a,); }"), "t.c:1:7: error: expected expression before ')'");
}

static void parse_unbalanced_body_reports_end(void **state) {
  (void)state;
  char *err = parse_error("{ f(); } }");
  assert_has(err, "t.c:1:10: error: ");
}

// "{ " open*n mid close*n tail " }"
static char *nested(const char *open, const char *mid, const char *close,
                    const char *tail, int n) {
  char *s = arena_alloc(n * (strlen(open) + strlen(close)) + strlen(mid) +
                        strlen(tail) + 8);
  char *p = s + sprintf(s, "{ ");
  for (int i = 0; i < n; i++)
    p += sprintf(p, "%s", open);
  p += sprintf(p, "%s", mid);
  for (int i = 0; i < n; i++)
    p += sprintf(p, "%s", close);
  sprintf(p, "%s }", tail);
  return s;
}

static void parse_deep_nesting_rejected_cleanly(void **state) {
  (void)state;
  assert_has(parse_error(nested("(", "x", ")", ";", 10000)), "error: nesting too deep");
  assert_has(parse_error(nested("{", ";", "}", "", 10000)), "error: nesting too deep");
  assert_has(parse_error(nested("-", "x", "", ";", 10000)), "error: nesting too deep");
}

static void parse_moderate_nesting_accepted(void **state) {
  (void)state;
  assert_non_null(parse(nested("(", "x", ")", ";", 1000)));
  assert_non_null(parse(nested("{", ";", "}", "", 1000)));
  char *chain = "{ if (a) x; ";
  for (int i = 0; i < 500; i++)
    chain = arena_printf("%selse if (a) x; ", chain);
  assert_non_null(parse(arena_printf("%s}", chain)));
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(parse_binary_operators_follow_c_precedence),
    cmocka_unit_test(parse_unary_and_postfix_bind_tighter),
    cmocka_unit_test(parse_cast_and_compound_literal),
    cmocka_unit_test(parse_await_binds_like_unary_star),
    cmocka_unit_test(parse_await_in_every_position),
    cmocka_unit_test(parse_declarators_of_every_shape),
    cmocka_unit_test(parse_initializers_nest_and_designate),
    cmocka_unit_test(parse_type_specifiers_kept_as_ranges),
    cmocka_unit_test(parse_typedef_declaration_is_kept_whole),
    cmocka_unit_test(parse_typedef_name_decides_declaration_or_product),
    cmocka_unit_test(parse_typedef_name_hidden_in_inner_scope),
    cmocka_unit_test(parse_type_name_is_a_fine_member_label_or_tag),
    cmocka_unit_test(parse_statements_of_every_kind),
    cmocka_unit_test(parse_labels_before_declarations_and_at_block_end),
    cmocka_unit_test(parse_duff_device_case_in_nested_block),
    cmocka_unit_test(parse_gnu_expressions),
    cmocka_unit_test(parse_gnu_statements),
    cmocka_unit_test(parse_pragma_operator_is_invisible),
    cmocka_unit_test(parse_declarators_nest_like_c),
    cmocka_unit_test(parse_macros_for_types_and_builtins),
    cmocka_unit_test(parse_node_ranges_are_exact),
    cmocka_unit_test(parse_ranges_skip_directives_and_skipped_groups),
    cmocka_unit_test(parse_dump_shows_kind_op_name_and_range),
    cmocka_unit_test(parse_syntax_error_at_offending_token),
    cmocka_unit_test(parse_missing_operand_says_expression),
    cmocka_unit_test(parse_missing_paren_is_reported),
    cmocka_unit_test(parse_stray_tokens_are_named),
    cmocka_unit_test(parse_unbalanced_body_reports_end),
    cmocka_unit_test(parse_deep_nesting_rejected_cleanly),
    cmocka_unit_test(parse_moderate_nesting_accepted),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
