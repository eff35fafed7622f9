// hollow.c: the plain function bodies libclang need not read.
//
// libclang is asked about async bodies only, but parsing every plain
// function body of a large file is most of its time (docs/performance.md,
// "The tool's growth").  So view.c hollows the body of each plain
// function that does not need libclang: every byte between its braces
// becomes a space except line ends and preprocessing directives, so every
// offset and line of the view stays the source's, #include, #define and
// #if inside the body still act, and libclang reads `int f(int x) { }`.
//
// A plain body needs libclang for one thing: the -Wunused-future warning
// (facts.c), which needs the type of every call used as a statement.  A
// body is kept whole when one of its names, or of its function's header,
// may give a future:
//   - an async function of this file, or a name beginning ac_ or AC_
//     (the runtime's API: ac_future(T), ac_spawn, ...);
//   - a macro defined in this file whose definition uses such a name;
//   - a name the translation unit declares with a future in its type (a
//     function returning one, a variable, field or typedef of a function
//     pointer returning one), known only after libclang's parse: if a
//     hollowed body uses one, main builds the view again with that body
//     kept and parses once more (hollow_keep_users).
// C errors inside a hollowed body are no longer libclang's to report: the
// C compiler reports them when it compiles the output (docs/front-end.md).
//
// A body is found from the tokens alone, conservatively (a body left whole
// costs time, never correctness): a `{` at file scope right after the `)`
// of `name(...)`, that is not an async function's body, whose `}` is
// followed by neither `;` nor `,` (an initializer through a macro,
// `TABLE(x) { 1, 2 };`), and in which every #if group opens and closes
// with the braces balanced in each branch.

#include "acc.h"

#include <string.h>

// Whether t is the punctuator c; braces also as digraphs (<% %>).
static bool is(const Source *src, const Token *t, char c) {
  if (t->kind != TK_PUNCT)
    return false;
  const char *p = src->text + t->off;
  if (t->len == 1)
    return *p == c;
  return t->len == 2 && ((c == '{' && p[0] == '<' && p[1] == '%') ||
                         (c == '}' && p[0] == '%' && p[1] == '>'));
}

static bool is_runtime_name(const char *s, int n) {
  return n > 3 && (!memcmp(s, "ac_", 3) || !memcmp(s, "AC_", 3));
}

static bool is_keep_name(const TextSet *names, const char *s, int n) {
  return is_runtime_name(s, n) || text_set_has(names, s, n);
}

// The `(` matching the `)` at token i, or -1; stops at a directive or a
// brace (a parameter list holds neither).
static int open_paren(const Source *src, const TokenList *tl, int i) {
  int depth = 0;
  for (; i >= 0; i--) {
    const Token *t = &tl->toks[i];
    if (t->kind == TK_HASH_LINE || is(src, t, '{') || is(src, t, '}'))
      return -1;
    if (is(src, t, ')'))
      depth++;
    else if (is(src, t, '(') && --depth == 0)
      return i;
  }
  return -1;
}

// The `}` closing the body opened at token open, or -1 if a #if group
// inside crosses it or one of its branches leaves the braces unbalanced.
static int body_close(const Source *src, const TokenList *tl, int open, IntVec *conds) {
  int depth = 0;
  conds->len = 0;   // the brace depth at each open #if
  for (int i = open; i < tl->ntoks - 1; i++) {
    const Token *t = &tl->toks[i];
    if (t->kind == TK_HASH_LINE) {
      DirKind k = header_directive_kind(src, t);
      if (k == DIR_IF || k == DIR_IF0)
        vec_push(conds, depth);
      else if ((k == DIR_ELSE || k == DIR_ENDIF) &&
               (conds->len == 0 || conds->data[conds->len - 1] != depth))
        return -1;
      else if (k == DIR_ENDIF)
        conds->len--;
    } else if (t->kind == TK_PUNCT) {
      if (is(src, t, '{'))
        depth++;
      else if (is(src, t, '}') && --depth == 0)
        return conds->len ? -1 : i;
    }
  }
  return -1;
}

// Whether the body at token open is a function's: `name ( ... ) {`.
static bool opens_function_body(const Source *src, const TokenList *tl, int open) {
  if (open == 0 || !is(src, &tl->toks[open - 1], ')'))
    return false;
  int lp = open_paren(src, tl, open - 1);
  return lp > 0 && tl->toks[lp - 1].kind == TK_IDENT;
}

static bool uses_keep_name(const Source *src, const TokenList *tl, const TextSet *names,
                           int from, int to) {
  for (int i = from; i < to; i++) {
    const Token *t = &tl->toks[i];
    if (t->kind == TK_IDENT && is_keep_name(names, src->text + t->off, t->len))
      return true;
  }
  return false;
}

// The name a #define directive defines (*n its length), or NULL.
static const char *defined_name(const Source *src, const Token *t, int *n) {
  const char *p = src->text + t->off + 1, *end = src->text + t->off + t->len;
  while (p < end && (*p == ' ' || *p == '\t'))
    p++;
  if (end - p < 7 || memcmp(p, "define", 6) || (p[6] != ' ' && p[6] != '\t'))
    return NULL;
  for (p += 6; p < end && (*p == ' ' || *p == '\t'); p++) {
  }
  const char *name = p;
  while (p < end && (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9')))
    p++;
  *n = p - name;
  return *n ? name : NULL;
}

// Whether the text [p, end) (a macro's definition) names a keep name.
static bool text_uses_keep_name(const TextSet *names, const char *p, const char *end) {
  while (p < end) {
    if (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')) {
      const char *w = p;
      while (p < end && (*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                         (*p >= '0' && *p <= '9')))
        p++;
      if (is_keep_name(names, w, p - w))
        return true;
    } else {
      p++;
    }
  }
  return false;
}

// Adds the macros of this file whose definitions use a keep name, until
// no more are found (a macro may use one defined after it).
static void add_keep_macros(const Source *src, const TokenList *tl, TextSet *names) {
  for (bool grew = true; grew;) {
    grew = false;
    for (int i = 0; i < tl->ntoks; i++) {
      const Token *t = &tl->toks[i];
      int n;
      const char *name = t->kind == TK_HASH_LINE ? defined_name(src, t, &n) : NULL;
      if (!name || is_keep_name(names, name, n))
        continue;
      if (text_uses_keep_name(names, name + n, src->text + t->off + t->len)) {
        text_set_add(names, name, n);
        grew = true;
      }
    }
  }
}

PlainBodies hollow_find(Source *src, TokenList *tl, Facts *facts) {
  PlainBodies pb = {0};
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next)
    text_set_add(&pb.names, fn->name, strlen(fn->name));
  add_keep_macros(src, tl, &pb.names);
  IntVec conds = {0};
  IntVec groups = {0};        // per open #if: the brace depth at it, and whether dead
  AsyncFn *fn = facts->fns;   // the next async function with a body
  int depth = 0, decl = 0;    // decl: the first token of the declaration at file scope
  bool dead = false;          // under a literal #if 0
  for (int i = 0; i < tl->ntoks - 1; i++) {
    Token *t = &tl->toks[i];
    if (t->kind == TK_HASH_LINE) {
      // As header.c: each branch of an #if starts at the depth of the
      // #if, so a header written twice (#ifdef ... #else ... #endif)
      // counts once.
      DirKind k = header_directive_kind(src, t);
      if (k == DIR_IF || k == DIR_IF0) {
        vec_push(&groups, depth);
        vec_push(&groups, dead);
        dead |= k == DIR_IF0;
      } else if (k == DIR_ELSE && groups.len > 0) {
        depth = groups.data[groups.len - 2];
        dead = groups.data[groups.len - 1];
      } else if (k == DIR_ENDIF && groups.len > 0) {
        dead = groups.data[groups.len - 1];
        groups.len -= 2;
      }
      decl = i + 1;
      continue;
    }
    if (dead || t->kind != TK_PUNCT)
      continue;
    if (depth == 0 && is(src, t, ';')) {
      decl = i + 1;
    } else if (is(src, t, '}')) {
      depth -= depth > 0;
      if (depth == 0)
        decl = i + 1;
    } else if (is(src, t, '{')) {
      while (fn && (fn->body_off < 0 || fn->body_off < t->off))
        fn = fn->next;
      int close;
      if (depth > 0 || (fn && fn->body_off == t->off) || !opens_function_body(src, tl, i) ||
          (close = body_close(src, tl, i, &conds)) < 0 ||
          is(src, &tl->toks[close + 1], ';') || is(src, &tl->toks[close + 1], ',')) {
        depth++;
        continue;
      }
      PlainBody b = {.decl = decl, .open = i, .close = close,
                     .kept = uses_keep_name(src, tl, &pb.names, decl, close)};
      vec_push(&pb.bodies, b);
      pb.nhollow += !b.kept;
      i = close;
      decl = i + 1;
    }
  }
  return pb;
}

bool hollow_keep_users(Source *src, TokenList *tl, PlainBodies *pb, const TextSet *names) {
  bool changed = false;
  for (int i = 0; i < pb->bodies.len; i++) {
    PlainBody *b = &pb->bodies.data[i];
    if (b->kept)
      continue;
    for (int k = b->decl; k < b->close && !b->kept; k++) {
      Token *t = &tl->toks[k];
      b->kept = t->kind == TK_IDENT && text_set_has(names, src->text + t->off, t->len);
    }
    if (b->kept) {
      pb->nhollow--;
      changed = true;
    }
  }
  return changed;
}
