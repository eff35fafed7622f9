// view.c: the text libclang parses in place of the dialect file.
//
// libclang must type the dialect without knowing it (DESIGN.md §1).  The
// prelude defines __ASYNCC_VIEW__, under which <asyncc.h> makes
// ac_future(T) a pointer to T in an address space of our own, and makes
// `_AcAw` (what `await` is renamed to, same length) the unary `*`.  So
// `await E` types as U exactly when E is a future of U.  Each async
// function
//
//   static async int f(int x) { ... return 1; }
//
// becomes a prototype that callers (and recursive calls) see, followed by
// the body under another name, whose returns still check against T:
//
//   static ac_future(int) f(int x);       async int f__acbody(int x) { ... }
//                                         ^^^^^ blanked
//
// Only the prototype, the name suffix and a declaration for __func__
// (func_declarations) are inserted; every other byte
// keeps its offset relative to the insertions before it, so a view offset
// maps back to the source by subtracting the inserted lengths (view_to_source).

#include "acc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char view_prelude[] =
    "#define __ASYNCC_VIEW__ 1\n"
    "#define " VIEW_AWAIT " *\n";

typedef struct {
  View *view;
  char *buf;        // malloc'd, cap bytes
  size_t cap;
  int src_pos;      // source bytes before this are written
  int view_pos;     // bytes written so far
} Builder;

// Room for n more bytes.
static char *room(Builder *b, size_t n) {
  if (b->view_pos + n + 1 > b->cap) {
    while (b->view_pos + n + 1 > b->cap)
      b->cap *= 2;
    b->buf = realloc(b->buf, b->cap);
    if (!b->buf)
      diag_die("out of memory");
  }
  return b->buf + b->view_pos;
}

static void put(Builder *b, const char *text, int len) {
  memcpy(room(b, len), text, len);
  b->view_pos += len;
}

static void copy_to(Builder *b, Source *src, int off) {
  put(b, src->text + b->src_pos, off - b->src_pos);
  b->src_pos = off;
}

static void insert(Builder *b, const char *text) {
  int len = strlen(text);
  int shift = b->view->ins.len ? b->view->ins.data[b->view->ins.len - 1].shift : 0;
  Insertion ins = {.view_off = b->view_pos, .src_off = b->src_pos, .len = len,
                   .shift = shift + len};
  vec_push(&b->view->ins, ins);
  put(b, text, len);
}

// Writes the source bytes up to off as spaces, line ends kept (a hollowed
// plain body, hollow.c).
static void blank_to(Builder *b, Source *src, int off) {
  int n = off - b->src_pos;
  char *out = room(b, n);
  const char *in = src->text + b->src_pos;
  memset(out, ' ', n);
  for (const char *p = in; (p = memchr(p, '\n', in + n - p)); p++)
    out[p - in] = '\n';
  for (const char *p = in; (p = memchr(p, '\r', in + n - p)); p++)
    out[p - in] = '\r';
  b->view_pos += n;
  b->src_pos = off;
}

// The hollowed body opened at token i: blank but for its directives.
// Returns the index of its `}`.
static int hollow(Builder *b, Source *src, TokenList *tl, const PlainBody *body) {
  copy_to(b, src, tl->toks[body->open].off + tl->toks[body->open].len);
  for (int i = body->open + 1; i < body->close; i++) {
    Token *t = &tl->toks[i];
    if (t->kind == TK_HASH_LINE) {
      blank_to(b, src, t->off);
      copy_to(b, src, t->off + t->len);
    }
  }
  blank_to(b, src, tl->toks[body->close].off);
  return body->close;
}

// Replaces the len bytes at off by text of the same length.
static void overwrite(Builder *b, Source *src, int off, const char *text) {
  copy_to(b, src, off);
  int len = strlen(text);
  put(b, text, len);
  b->src_pos += len;
}

// "ac_future(T) name(params); " for the async function fn.
static char *prototype(Source *src, AsyncFn *fn) {
  return arena_printf("ac_future(%.*s) %s%.*s; ",
                      fn->type_end - fn->type_off, src->text + fn->type_off,
                      fn->name,
                      fn->params_end - fn->params_off, src->text + fn->params_off);
}

// __func__ in an async body names the async function (C11 6.4.2.2; the
// lowering writes "NAME" in its place, lower.c), but in the view the body
// is NAME__acbody's, so `sizeof __func__` would differ there.  Such a name
// in an async body becomes one of the same length, and a declaration of
// it as "NAME" (a static array, as __func__ is) is inserted after the
// body's `{`.  GCC's __FUNCTION__ and __PRETTY_FUNCTION__ are the name in
// C too.  The new names, in scan_func_name's order, each as long as the
// name it replaces:
static const char *const func_renames[] = {"_AcFunc_", "_AcFunction_", "_AcPrettyFunction__"};
enum { NFUNC_NAMES = sizeof func_renames / sizeof func_renames[0] };

// The declarations of the renamed __func__ names that the body of fn,
// opened at token i, uses (only those: an unused one would be a warning a
// pragma can make an error), or NULL for none.
static char *func_declarations(Source *src, TokenList *tl, AsyncFn *fn, int i) {
  bool used[NFUNC_NAMES] = {0};
  for (; i < tl->ntoks && tl->toks[i].off < fn->body_end; i++) {
    int k = scan_func_name(src, &tl->toks[i]);
    if (k >= 0)
      used[k] = true;
  }
  const char *name = entry_user_name(fn);   // main, not main__async
  char *decl = NULL;
  for (int k = 0; k < NFUNC_NAMES; k++)
    if (used[k])
      decl = arena_printf("%s static const char %s[] = \"%s\";", decl ? decl : "",
                          func_renames[k], name);
  return decl;
}

View *view_build(Source *src, TokenList *tl, Facts *facts, const PlainBodies *plain) {
  View *v = arena_alloc(sizeof *v);
  // The source and its insertions (a prototype per async function).
  Builder b = {.view = v, .cap = src->len + src->len / 8 + 4096};
  b.buf = malloc(b.cap);
  if (!b.buf)
    diag_die("out of memory");

  AsyncFn *fn = facts->fns;
  AsyncFn *named = NULL;   // the async function whose name came last
  int next_body = 0;   // the next plain body (plain->bodies are in file order)
  for (int i = 0; i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    int k;
    if (named && t->off == named->body_off) {
      char *decl = func_declarations(src, tl, named, i);
      copy_to(&b, src, t->off + t->len);
      if (decl)
        insert(&b, decl);
    } else if (named && t->off < named->body_end && (k = scan_func_name(src, t)) >= 0) {
      overwrite(&b, src, t->off, func_renames[k]);
    } else if (plain && next_body < plain->bodies.len && plain->bodies.data[next_body].open == i) {
      const PlainBody *body = &plain->bodies.data[next_body++];
      if (!body->kept)
        i = hollow(&b, src, tl, body);
    } else if (t->kind == TK_AWAIT) {
      overwrite(&b, src, t->off, VIEW_AWAIT);
    } else if (t->kind == TK_ASYNC) {
      copy_to(&b, src, t->off);
      if (fn && fn->async_off == t->off)
        insert(&b, prototype(src, fn));
      overwrite(&b, src, t->off, "     ");
    } else if (fn && t->off == fn->name_off) {
      copy_to(&b, src, t->off + t->len);
      insert(&b, VIEW_BODY_SUFFIX);
      named = fn;
      fn = fn->next;
    }
  }
  copy_to(&b, src, src->len);
  b.buf[b.view_pos] = 0;
  v->text = b.buf;   // malloc'd, kept until exit (reachable from the arena)
  v->len = b.view_pos;
  return v;
}

// The last insertion starting at or before view_off, or NULL.
static const Insertion *insertion_before(const View *v, int view_off) {
  int lo = 0, hi = v->ins.len - 1, k = -1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (v->ins.data[mid].view_off <= view_off) {
      k = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return k < 0 ? NULL : &v->ins.data[k];
}

int view_to_source(const View *v, int view_off) {
  const Insertion *ins = insertion_before(v, view_off);
  if (!ins)
    return view_off;
  if (view_off < ins->view_off + ins->len)
    return -1;
  return view_off - ins->shift;
}

int view_inserted_before(const View *v, int view_off) {
  const Insertion *ins = insertion_before(v, view_off);
  return ins && view_off < ins->view_off + ins->len ? ins->src_off : -1;
}
