// join.c: each expression node of an async body meets its libclang fact.
//
// The bison tree is the source as written; libclang's AST is the source
// after preprocessing.  They meet by exact byte range: an expression node
// spanning [off, end) takes the fact of that range (DESIGN.md §1 measured
// 100% matches).  Outside macro invocations a miss is an internal error,
// never a guess.  Inside a macro invocation the written text need not be
// an expression at all (it can be stringified or dropped), so a miss there
// only leaves the node without a fact.

#include "acc.h"

#include <string.h>

static bool is_expression(NodeKind k) {
  switch (k) {
  case ND_IDENT: case ND_LITERAL: case ND_AWAIT: case ND_UNARY: case ND_POSTFIX:
  case ND_BINARY: case ND_ASSIGN: case ND_COND: case ND_COMMA: case ND_CALL:
  case ND_INDEX: case ND_MEMBER: case ND_CAST: case ND_SIZEOF: case ND_ALIGNOF:
  case ND_COMPOUND_LIT: case ND_STMT_EXPR: case ND_GENERIC: case ND_BUILTIN:
    return true;
  default:
    return false;
  }
}

static const char *const kind_names[] = {
    [ND_IDENT] = "name", [ND_LITERAL] = "literal", [ND_AWAIT] = "await",
    [ND_UNARY] = "unary expression", [ND_POSTFIX] = "postfix expression",
    [ND_BINARY] = "binary expression", [ND_ASSIGN] = "assignment",
    [ND_COND] = "conditional expression", [ND_COMMA] = "comma expression",
    [ND_CALL] = "call", [ND_INDEX] = "subscript", [ND_MEMBER] = "member access",
    [ND_CAST] = "cast", [ND_SIZEOF] = "sizeof", [ND_ALIGNOF] = "_Alignof",
    [ND_COMPOUND_LIT] = "compound literal", [ND_STMT_EXPR] = "statement expression",
    [ND_GENERIC] = "_Generic", [ND_BUILTIN] = "builtin",
};

typedef struct {
  Source *src;
  Facts *facts;
  int in_macro;     // depth of macro invocations around the node
} Join;

static bool starts_macro(Join *j, const Node *n) {
  int i = tok_at(j->facts->tokens, n->off);
  return i >= 0 && (j->facts->tokens->toks[i].flags & TF_MACRO);
}

// __builtin_choose_expr and friends are parsed as calls of a name that
// libclang has no node for.
static bool is_builtin_name(const Source *src, const Node *n) {
  return n->kind == ND_IDENT && n->end - n->off > 10 &&
         !memcmp(src->text + n->off, "__builtin_", 10);
}

static void join_expr(Join *j, Node *n) {
  // A name is its reference (libclang may wrap it in an implicit
  // conversion of the same range: the decay of an array, say).
  if (n->kind == ND_IDENT)
    n->fact = facts_find(j->facts, FK_DECLREF, n->off, n->end);
  if (!n->fact)
    n->fact = facts_find(j->facts, n->kind == ND_AWAIT ? FK_AWAIT : FK_EXPR, n->off, n->end);
  // _Generic, _Alignof and __builtin_* forms are kept whole: no await can
  // hide in them (facts.c rejects one), so they need no fact.
  bool optional = n->kind == ND_GENERIC || n->kind == ND_BUILTIN || n->kind == ND_ALIGNOF ||
                  is_builtin_name(j->src, n);
  if (!n->fact && !j->in_macro && !optional) {
    int line, col;
    source_pos(j->src, n->off, &line, &col);
    diag_internal(__FILE__, __LINE__, "no libclang node for the %s at %s:%d:%d ('%.*s')",
                  kind_names[n->kind], j->src->path, line, col,
                  n->end - n->off > 40 ? 40 : n->end - n->off, j->src->text + n->off);
  }
}

static bool join_pre(Node *n, void *ctx) {
  Join *j = ctx;
  j->in_macro += starts_macro(j, n);
  if (is_expression(n->kind))
    join_expr(j, n);
  return true;
}

static void join_post(Node *n, void *ctx) {
  Join *j = ctx;
  j->in_macro -= starts_macro(j, n);
}

void join_body(Source *src, Facts *facts, AsyncFn *fn) {
  Join j = {.src = src, .facts = facts};
  node_walk(fn->body, join_pre, join_post, &j);
}
