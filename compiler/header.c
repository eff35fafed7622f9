// header.c: async function headers, found from the tokens alone.
//
// libclang can only parse the file once the view exists, and the view needs
// each async function's name, result type and parameter list, so they are
// read here from the flex tokens.  The dialect puts `async` first:
//
//   [storage] async [specifiers] T name ( params ) [attributes] { body }
//   [storage] async [specifiers] T name ( params ) [attributes] ;
//
// The name is the identifier right before the first parenthesis at depth 0
// that does not belong to __attribute__, typeof, _Atomic, _Alignas or
// ac_future.  Anything else after `async` is rejected here with a position.

#include "acc.h"

#include <string.h>

static const char *const paren_keywords[] = {
    "__attribute__", "__attribute", "__typeof__", "__typeof", "typeof",
    "_Atomic", "_Alignas", "ac_future", "__declspec", NULL,
};

static bool is(const Source *src, const Token *t, const char *s) {
  return scan_token_is(src, t, s);
}

static bool takes_paren_group(const Source *src, const Token *t) {
  for (int i = 0; paren_keywords[i]; i++)
    if (is(src, t, paren_keywords[i]))
      return true;
  return false;
}

// Index of the token closing the group opened at toks[i], or -1.
static int skip_group(const Source *src, const TokenList *tl, int i) {
  int depth = 0;
  for (; i < tl->ntoks - 1; i++) {
    const Token *t = &tl->toks[i];
    if (t->kind != TK_PUNCT)
      continue;
    if (is(src, t, "(") || is(src, t, "[") || is(src, t, "{"))
      depth++;
    else if (is(src, t, ")") || is(src, t, "]") || is(src, t, "}"))
      if (--depth == 0)
        return i;
  }
  return -1;
}

// The index of the `(` matching the `)` at token i, or -1.
static int open_of(const Source *src, const TokenList *tl, int i) {
  int depth = 0;
  for (; i >= 0; i--) {
    const Token *t = &tl->toks[i];
    if (is(src, t, ")"))
      depth++;
    else if (is(src, t, "(") && --depth == 0)
      return i;
  }
  return -1;
}

int header_token_at(const TokenList *tl, int off) {
  int lo = 0, hi = tl->ntoks - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (tl->toks[mid].off == off)
      return mid;
    if (tl->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return -1;
}

static bool is_storage(const Source *src, const Token *t) {
  static const char *const words[] = {
      "static", "extern", "inline", "__inline", "__inline__", "_Noreturn",
      "register", "auto", "_Thread_local", "__thread", NULL,
  };
  for (int i = 0; words[i]; i++)
    if (is(src, t, words[i]))
      return true;
  return false;
}

// --- conditional groups ---------------------------------------------------
//
// Headers are read before the preprocessor has run, so an #if group may hold
// anything: a TODO that says "async", a brace of disabled code, or one of two
// versions of a header.  Three rules keep the finder right without knowing
// which group is taken:
// - a problem is kept, not printed, anchored at the `async` that began the
//   header; main prints it only if that `async` is not in a skipped group;
// - brace depth is restored at #else/#elif to its value at the #if (each
//   branch is read as if it were the only one), and text under a literal
//   `#if 0` is not read at all;
// - a header meeting #else/#elif continues after the matching #endif, so
//   `#ifdef W async long f(long x) #else async int f(int x) #endif { ... }`
//   gives two headers with one body, one of which libclang skips.

DirKind header_directive_kind(const Source *src, const Token *t) {
  int n;
  const char *w = tok_directive_name(src, t, &n);
  if (!w)
    return DIR_OTHER;
  const char *p = w + n, *end = src->text + t->off + t->len;
  if ((n == 2 && !memcmp(w, "if", 2)) || (n == 5 && !memcmp(w, "ifdef", 5)) ||
      (n == 6 && !memcmp(w, "ifndef", 6))) {
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    bool zero = n == 2 && p < end && *p == '0';
    for (p += zero; zero && p < end; p++)
      zero = *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n';
    return zero ? DIR_IF0 : DIR_IF;
  }
  if ((n == 4 && !memcmp(w, "elif", 4)) || (n == 4 && !memcmp(w, "else", 4)) ||
      (n == 7 && !memcmp(w, "elifdef", 7)) || (n == 8 && !memcmp(w, "elifndef", 8)))
    return DIR_ELSE;
  return n == 5 && !memcmp(w, "endif", 5) ? DIR_ENDIF : DIR_OTHER;
}

// From the #if/#else/#elif at i: the index of the #endif that closes its
// group, or with at_else the index of the group's next #else/#elif if one
// comes first; -1 if the file ends.
static int group_next(const Source *src, const TokenList *tl, int i, bool at_else) {
  int nest = 0;
  for (i++; i < tl->ntoks - 1; i++) {
    DirKind k = header_directive_kind(src, &tl->toks[i]);
    if (k == DIR_IF || k == DIR_IF0)
      nest++;
    else if (k == DIR_ENDIF && nest-- == 0)
      return i;
    else if (k == DIR_ELSE && nest == 0 && at_else)
      return i;
  }
  return -1;
}

// A problem of the header begun by the `async` at anchor (see above).
static void problem(TokenList *tl, int anchor, int off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void problem(TokenList *tl, int anchor, int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = arena_vprintf(fmt, ap);
  va_end(ap);
  ScanProblem p = {.off = off, .anchor = anchor, .msg = msg};
  vec_push(&tl->problems, p);
}

// Reads the header that starts at toks[a] (the `async` token).  Returns the
// function, or NULL after recording why this is not an async function.
static AsyncFn *read_header(Source *src, TokenList *tl, int a) {
  AsyncFn *fn = arena_alloc(sizeof *fn);
  fn->async_off = tl->toks[a].off;
  fn->type_off = -1;
  int name = -1;
  int i = a + 1;
  for (; i < tl->ntoks - 1; i++) {
    Token *t = &tl->toks[i];
    DirKind dir = header_directive_kind(src, t);
    if (dir == DIR_ELSE && (i = group_next(src, tl, i, false)) < 0)
      break;
    if (dir == DIR_IF0 && (i = group_next(src, tl, i, true)) < 0)
      break;
    if (dir == DIR_IF) {
      problem(tl, fn->async_off, t->off, "an #if inside the header of an async function, "
              "before its name: write the whole header in each branch");
      return NULL;
    }
    if (t->kind == TK_HASH_LINE)
      continue;
    if (t->kind == TK_ASYNC || t->kind == TK_AWAIT) {
      problem(tl, fn->async_off, t->off, "unexpected '%.*s' in an async function header",
                 t->len, src->text + t->off);
      return NULL;
    }
    if (is(src, t, ";") || is(src, t, "{") || is(src, t, "=") || is(src, t, ",")) {
      problem(tl, fn->async_off, fn->async_off, "'async' applies only to functions");
      return NULL;
    }
    if (takes_paren_group(src, t) && is(src, t + 1, "(")) {
      i = skip_group(src, tl, i + 1);
      if (i < 0)
        break;
      continue;
    }
    if (is(src, t, "(")) {
      if (i > a + 1 && t[-1].kind == TK_IDENT)
        name = i - 1;
      else if (is(src, t + 1, "*") || is(src, t + 1, "^")) {
        problem(tl, fn->async_off, t->off, "an async function whose result is a function "
                "pointer or a pointer to an array must name that type with a typedef first "
                "(typedef int (*handler)(int); async handler pick(void))");
        return NULL;
      }
      break;
    }
  }
  if (name < 0) {
    problem(tl, fn->async_off, fn->async_off, "'async' applies only to functions");
    return NULL;
  }
  Token *nt = &tl->toks[name];
  fn->name_off = nt->off;
  fn->name = arena_strndup(src->text + nt->off, nt->len);
  fn->params_off = tl->toks[i].off;
  int close = skip_group(src, tl, i);
  if (close < 0) {
    problem(tl, fn->async_off, fn->params_off, "unbalanced '(' in the parameter list");
    return NULL;
  }
  fn->params_end = tl->toks[close].off + 1;
  for (int k = i + 1; k < close; k++)
    if (is(src, &tl->toks[k], "...")) {
      problem(tl, fn->async_off, tl->toks[k].off, "async function '%s' cannot be variadic: its arguments "
                 "would not survive a suspension; pass a va_list or an array", fn->name);
      return NULL;
    }

  // The result type: tokens between `async` and the name, less storage
  // classes and attributes.
  for (int j = a + 1; j < name; j++) {
    Token *t = &tl->toks[j];
    if (t->kind == TK_HASH_LINE || is_storage(src, t))
      continue;
    if (is(src, t, "__attribute__") || is(src, t, "__attribute")) {
      if ((j = skip_group(src, tl, j + 1)) < 0)   // unbalanced: not a header
        break;
      continue;
    }
    if (fn->type_off < 0)
      fn->type_off = t->off;
    fn->type_end = t->off + t->len;
  }
  if (fn->type_off < 0) {
    problem(tl, fn->async_off, fn->name_off, "async function '%s' needs a result type (void, int, ...)",
               fn->name);
    return NULL;
  }

  // After the parameters: attributes, then `{` or `;`.
  int j = close + 1;
  while (j < tl->ntoks - 1 &&
         (tl->toks[j].kind == TK_HASH_LINE ||
          ((is(src, &tl->toks[j], "__attribute__") || is(src, &tl->toks[j], "__asm__") ||
            is(src, &tl->toks[j], "asm") || is(src, &tl->toks[j], "__asm")) &&
           is(src, &tl->toks[j + 1], "(")))) {
    if (header_directive_kind(src, &tl->toks[j]) == DIR_ELSE)
      j = group_next(src, tl, j, false) + 1;
    else if (header_directive_kind(src, &tl->toks[j]) == DIR_IF0)
      j = group_next(src, tl, j, true) + 1;
    else if (tl->toks[j].kind == TK_HASH_LINE)
      j++;
    else
      j = skip_group(src, tl, j + 1) + 1;
    if (j <= 0)
      break;
  }
  Token *after = &tl->toks[j];
  if (is(src, after, "{")) {
    fn->body_off = after->off;
    int end = skip_group(src, tl, j);
    fn->body_end = end < 0 ? -1 : tl->toks[end].off + 1;
  } else if (is(src, after, ";")) {
    fn->body_off = fn->body_end = -1;
  } else if (is(src, after, ",")) {
    problem(tl, fn->async_off, after->off, "declare one async function per declaration");
    return NULL;
  } else {
    problem(tl, fn->async_off, after->off, "expected '{' or ';' after the parameters of async function '%s'",
               fn->name);
    return NULL;
  }
  // Before `async`: storage classes and attributes, which the ramp keeps;
  // also a name or a name(...) next to a storage class, or first in the
  // declaration, which can only be a macro for attributes or a storage
  // class (`static MAYBE_UNUSED async`, zlib's `local async` for static).
  fn->decl_off = fn->async_off;
  fn->attrs = "";
  bool by_storage = false;   // the token after k (towards async) is a storage class
  for (int k = a - 1; k >= 0;) {
    Token *t = &tl->toks[k];
    if (is_storage(src, t)) {
      fn->is_static |= is(src, t, "static");
      fn->decl_off = t->off;
      k--;
      by_storage = true;
      continue;
    }
    int open = is(src, t, ")") ? open_of(src, tl, k) : -1;
    int first = open >= 1 ? open - 1 : k;   // the attribute's first token
    const Token *before = first > 0 ? &tl->toks[first - 1] : NULL;
    bool starts = !before || before->kind == TK_HASH_LINE || is(src, before, ";") ||
                  is(src, before, "}");
    bool macro = tl->toks[first].kind == TK_IDENT &&
                 (by_storage || starts || is_storage(src, before));
    by_storage = false;
    if (!macro && (open < 1 || !(is(src, &tl->toks[open - 1], "__attribute__") ||
                                 is(src, &tl->toks[open - 1], "__attribute"))))
      break;
    open = first + 1;
    fn->decl_off = tl->toks[first].off;
    fn->attrs = arena_printf("%.*s %s", t->off + t->len - fn->decl_off, src->text + fn->decl_off,
                             fn->attrs);
    k = open - 2;
  }
  // After it, before the name: attributes go to the ramp as well.
  for (int k = a + 1; k < name; k++) {
    fn->is_static |= is(src, &tl->toks[k], "static");
    if ((is(src, &tl->toks[k], "__attribute__") || is(src, &tl->toks[k], "__attribute")) &&
        is(src, &tl->toks[k + 1], "(")) {
      int close = skip_group(src, tl, k + 1);
      if (close < 0)
        break;
      fn->attrs = arena_printf("%s%.*s ", fn->attrs,
                               tl->toks[close].off + 1 - tl->toks[k].off, src->text + tl->toks[k].off);
      k = close;
    }
  }
  return fn;
}

// `async` followed by one of these is a name, as in the member of
// `struct uv_handle { unsigned async : 1; }`: no function header can
// continue that way.
static bool async_is_name(const Source *src, const Token *next) {
  static const char *const after_name[] = {";", ",", ":", "=", "[", ")", "(", ".",
                                           "->", "}", NULL};
  for (int i = 0; after_name[i]; i++)
    if (is(src, next, after_name[i]))
      return true;
  return next->kind == TK_EOF;
}

// `await` declared as a name, as in `int await;` or `struct s *await,`:
// after a type and before what ends a declarator.  (`x = await;` stays a
// keyword and is reported as an await without operand.)
static bool await_is_name(const Source *src, const Token *prev, const Token *next) {
  static const char *const types[] = {
      "int", "char", "short", "long", "unsigned", "signed", "float", "double",
      "void", "_Bool", "_Complex", "const", "volatile", "restrict", "__int128",
      "*", "}", NULL,
  };
  static const char *const ends[] = {";", ",", ")", "=", "[", ":", NULL};
  bool after_type = prev->kind == TK_IDENT;
  for (int i = 0; types[i] && !after_type; i++)
    after_type = is(src, prev, types[i]);
  for (int i = 0; ends[i] && after_type; i++)
    if (is(src, next, ends[i]))
      return true;
  return false;
}

// The brace depth at an #if, and whether text was being read there.
typedef struct {
  int depth;
  bool dead;
} Group;

void header_find_async(Source *src, TokenList *tl, Facts *facts) {
  AsyncFn **tail = &facts->fns;
  VEC(Group) groups = {0};
  int depth = 0;
  bool dead = false;   // under a literal #if 0
  for (int i = 0; i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    DirKind dir = header_directive_kind(src, t);
    if (dir == DIR_IF || dir == DIR_IF0) {
      Group g = {depth, dead};
      vec_push(&groups, g);
      dead |= dir == DIR_IF0;
    } else if (dir == DIR_ELSE && groups.len > 0) {
      depth = groups.data[groups.len - 1].depth;
      dead = groups.data[groups.len - 1].dead;
    } else if (dir == DIR_ENDIF && groups.len > 0) {
      dead = groups.data[--groups.len].dead;
    }
    if (dead)
      continue;
    if ((t->kind == TK_ASYNC && async_is_name(src, t + 1)) ||
        (t->kind == TK_AWAIT && i > 0 && await_is_name(src, t - 1, t + 1))) {
      t->kind = TK_IDENT;
      tl->ndialect--;
    }
    if (t->kind == TK_PUNCT) {
      if (is(src, t, "{"))
        depth++;
      else if (is(src, t, "}") && depth > 0)
        depth--;
      continue;
    }
    if (t->kind != TK_ASYNC)
      continue;
    if (depth > 0) {
      problem(tl, t->off, t->off, "async functions must be declared at file scope");
      continue;
    }
    AsyncFn *fn = read_header(src, tl, i);
    if (fn) {
      *tail = fn;
      tail = &fn->next;
    }
  }
}

int header_close_brace(const Source *src, const TokenList *tl, int i) {
  int depth = 0;
  for (; i < tl->ntoks - 1; i++) {
    const Token *t = &tl->toks[i];
    if (t->kind != TK_PUNCT || (t->flags & TF_SKIPPED))
      continue;
    if (is(src, t, "{"))
      depth++;
    else if (is(src, t, "}") && --depth == 0)
      return i;
  }
  return -1;
}

// The first #else/#elif/#endif between tokens open and close that closes a
// group opened before open, or -1.
static int crossing_directive(const Source *src, const TokenList *tl, int open, int close) {
  int nest = 0;
  for (int i = open; i < close; i++) {
    DirKind k = header_directive_kind(src, &tl->toks[i]);
    if (k == DIR_IF || k == DIR_IF0)
      nest++;
    else if ((k == DIR_ELSE || k == DIR_ENDIF) && nest == 0)
      return i;
    else if (k == DIR_ENDIF)
      nest--;
  }
  return -1;
}

void header_drop_skipped(Source *src, TokenList *tl, Facts *facts) {
  for (AsyncFn **p = &facts->fns; *p;) {
    AsyncFn *fn = *p;
    int i = header_token_at(tl, fn->async_off);
    if (i >= 0 && (tl->toks[i].flags & TF_SKIPPED)) {
      *p = fn->next;
      continue;
    }
    // A brace inside an #if 0 group is not the body's end.
    if (fn->body_off >= 0) {
      int open = header_token_at(tl, fn->body_off);
      int end = header_close_brace(src, tl, open);
      fn->body_end = end < 0 ? -1 : tl->toks[end].off + 1;
      int cross = end < 0 ? -1 : crossing_directive(src, tl, open, end);
      if (cross >= 0)
        diag_error(tl->toks[cross].off, "the body of async function '%s' begins in one #if "
                   "group and ends in another: write it whole in each branch", fn->name);
    }
    p = &fn->next;
  }
}

void header_keep_directives(Source *src, TokenList *tl, AsyncFn *fn, EditList *edits) {
  int end = fn->body_off >= 0 ? fn->body_off : fn->params_end;
  char *kept = NULL;
  for (int i = header_token_at(tl, fn->async_off); i >= 0 && tl->toks[i].off < end; i++) {
    Token *t = &tl->toks[i];
    if (t->kind == TK_HASH_LINE)
      kept = arena_printf("%s\n%.*s", kept ? kept : "", t->len, src->text + t->off);
  }
  if (!kept)
    return;
  int at = fn->body_off >= 0 ? fn->body_end : fn->params_end, line, col;
  source_pos(src, at, &line, &col);
  emit_edit(edits, at, at, arena_printf("%s%s%*s", kept, source_line_directive(src, line),
                                        col - 1, ""));
}
