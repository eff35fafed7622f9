// node.c: walking the syntax trees of async bodies.
//
// A node's children are its named fields; body, args and the statements of
// a block are lists through next.  A statement that is a single child (the
// body of a while, a label's statement) has next == NULL, so every child
// field can be walked as a list.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

static void walk_list(Node *n, NodePre *pre, NodePost *post, void *ctx) {
  for (; n; n = n->next)
    node_walk(n, pre, post, ctx);
}

void node_walk(Node *n, NodePre *pre, NodePost *post, void *ctx) {
  if (!n)
    return;
  if (!pre || pre(n, ctx)) {
    // Fields in the order their text appears in each kind; do-while and
    // declarators need their own order.
    if (n->kind == ND_DO) {
      walk_list(n->body, pre, post, ctx);
      walk_list(n->cond, pre, post, ctx);
      if (post)
        post(n, ctx);
      return;
    }
    if (n->kind == ND_VAR)   // array bounds, then the initializer
      walk_list(n->args, pre, post, ctx);
    walk_list(n->init, pre, post, ctx);
    walk_list(n->lhs, pre, post, ctx);
    walk_list(n->cond, pre, post, ctx);
    walk_list(n->rhs, pre, post, ctx);
    if (n->kind != ND_VAR)
      walk_list(n->args, pre, post, ctx);
    walk_list(n->then, pre, post, ctx);
    walk_list(n->els, pre, post, ctx);
    walk_list(n->inc, pre, post, ctx);
    walk_list(n->body, pre, post, ctx);
  }
  if (post)
    post(n, ctx);
}

bool node_calls(const Source *src, const Node *call, const char *name) {
  if (call->kind != ND_CALL || !call->lhs || call->lhs->kind != ND_IDENT)
    return false;
  const Node *f = call->lhs;
  return (int)strlen(name) == f->end - f->off && !memcmp(src->text + f->off, name, f->end - f->off);
}

static bool find_await(Node *n, void *ctx) {
  if (n->kind == ND_AWAIT)
    *(bool *)ctx = true;
  return !*(bool *)ctx;
}

bool node_has_await(Node *n) {
  bool found = false;
  node_walk(n, find_await, NULL, &found);
  return found;
}

static int by_offset(const void *a, const void *b) {
  const Node *x = *(Node *const *)a, *y = *(Node *const *)b;
  return (x->off > y->off) - (x->off < y->off);
}

NodeVec node_children(Node *e) {
  NodeVec kids = {0};
  Node *fields[] = {e->lhs, e->rhs, e->cond, e->then, e->els, e->init, e->inc};
  for (size_t i = 0; i < sizeof fields / sizeof *fields; i++)
    if (fields[i])
      vec_push(&kids, fields[i]);
  for (Node *a = e->args; a; a = a->next)
    vec_push(&kids, a);
  for (Node *a = e->body; a; a = a->next)
    vec_push(&kids, a);
  if (kids.len)   // qsort(NULL, 0) is undefined
    qsort(kids.data, kids.len, sizeof *kids.data, by_offset);
  return kids;
}
