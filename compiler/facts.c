// facts.c: what libclang knows about the dialect file.
//
// The only file that includes clang-c/Index.h.  It parses the view
// (view.c) as an unsaved file, reports libclang's errors at source
// positions, and records, for each async body only, the facts lowering
// needs: every expression's range and type, every await, every name use
// and the declaration it refers to, every local, every typedef name.
//
// Positions: libclang gives view offsets; view_to_source maps them back.
// A node's position is its file location (clang_getFileLocation): for a
// token written in a macro argument that is where it was written, for a
// token of a macro body it is the macro invocation.  An await is found by
// its operator: the `*` that `_AcAw` expands to has the await token's
// file location.
//
// Checks made here: every await has a future operand (address space 7,
// the one <asyncc.h> gives ac_future in view mode), is evaluated exactly
// once (not inside sizeof/typeof, not twice by a macro), sits directly in
// an async function (not in a plain or nested function), and the file
// includes <asyncc.h>.

#include "acc.h"

#include <clang-c/Index.h>
#include <ctype.h>
#include <limits.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { FUTURE_ADDRESS_SPACE = 7 };

// An invocation of a macro that stringifies or pastes some parameters.
typedef struct {
  int off, end;
  uint64_t pasted;      // a bit per parameter
  int nparams;          // the last one may be __VA_ARGS__
} MacroUse;

// A cursor on the way down to the one being visited, and which of its
// children the way continues through.
// A function-like macro's definition, by name (macro_named).
typedef struct {
  const char *name;
  int order;            // in the translation unit: the last definition wins
  CXCursor cur;
  int state;            // its pasted parameters: 0 not known, 1 being found, 2 known
  uint64_t pasted;
  int nparams;
} MacroDef;

typedef struct {
  enum CXCursorKind kind;
  int binary_op;        // CXBinaryOperatorKind for binary operators
  int unary_op;         // CXUnaryOperatorKind for unary operators
  int off;              // where it starts in the source (a macro's name
                        // when it comes from a macro's body)
  int next_child;       // children visited so far
  int child;            // the index of this cursor among its parent's
  bool runs_once;       // a do-while whose condition is 0
} Ancestor;

typedef struct {
  Source *src;
  TokenList *tl;
  View *view;
  Facts *facts;
  CXTranslationUnit tu;
  CXFile main_file;
  AsyncFn *fn;          // the async body being visited
  int unevaluated;      // depth of sizeof/alignof/typeof around the cursor
  int nested_fn;        // depth of functions nested in the async body
  int *await_seen;      // per token index: how many await nodes found
  CXCursor *await_cursor;   // per token index: the last await node found
  bool stop_reporting;  // later libclang errors only echo the last one
  VEC(Ancestor) path;   // the cursors from the function down to the current one
  IntVec macros;        // pairs [off, end) of macro invocations in async bodies
  VEC(MacroUse) pasting;    // invocations of macros that use # or ##
  IntVec macro_locals;  // triples (name offset, end of the macro invocation
                        // declaring it, end of its body): locals declared by
                        // macros
  IntVec name_macros;   // offsets of invocations of object-like macros made of
                        // type words and names (`#define MYINT myint`)
  // Lookups made for every cursor or token are binary searches, so that the
  // visit stays near-linear in the size of the file (issue 11):
  VEC(AsyncFn *) by_name;   // every async function, sorted by name_off
  IntVec bodies;        // pairs [off, end) of the definitions' bodies, merged, sorted
  IntVec await_offs;    // offsets of the await tokens, then INT_MAX (await_between)
  IntVec outer_macros;  // pairs [off, end) of the outermost macro invocations
                        // of c->macros, sorted (an invocation in another's
                        // argument lies inside it)
  // The top level of the translation unit, visited once (gather):
  bool gathered;
  VEC(CXCursor) expansions;   // every macro expansion
  VEC(CXCursor) definitions;  // every function definition
  VEC(CXCursor) macro_defs;   // every function-like macro's definition
  VEC(MacroDef) macro_index;  // macro_defs by name (macro_named), built on first use
  TextSet future_names;       // see facts_future_names
} Ctx;

static bool in_async_body(Ctx *c, int off);

// --- positions ----------------------------------------------------------

// Source offset of a location in the main file, or -1.
static int loc_offset(Ctx *c, CXSourceLocation loc) {
  CXFile file;
  unsigned off;
  clang_getFileLocation(loc, &file, NULL, NULL, &off);
  if (!file || !clang_File_isEqual(file, c->main_file))
    return -1;
  return view_to_source(c->view, off);
}

static bool cursor_range(Ctx *c, CXCursor cur, int *off, int *end) {
  CXSourceRange r = clang_getCursorExtent(cur);
  *off = loc_offset(c, clang_getRangeStart(r));
  *end = loc_offset(c, clang_getRangeEnd(r));
  return *off >= 0 && *end >= *off;
}

// Is off where an object-like macro of type words and names is invoked?
// (name_macros is sorted once visit_macros is done.)
static bool is_name_macro(Ctx *c, int off) {
  int lo = 0, hi = c->name_macros.len - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c->name_macros.data[mid] == off)
      return true;
    if (c->name_macros.data[mid] < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return false;
}

static char *dialect_types(const char *msg);

static char *type_spelling(CXType t) {
  CXString s = clang_getTypeSpelling(t);
  char *r = dialect_types(clang_getCString(s));
  clang_disposeString(s);
  return r;
}

// --- sizes in the generated C ---------------------------------------------
//
// In the view a future is a pointer; in the generated C it is the struct
// { ac_task *task; U value; } of <asyncc.h>.  Sizes reported by --explain
// are the generated C's, so types holding futures are measured again.

typedef struct {
  long size, align;
  bool bad;         // a bit-field in a struct holding a future: not recomputed
  bool future;      // holds a future: the view's size is not the real one
} Size;

static Size real_size(CXType t);

static long size_align_up(long n, long a) {
  return a > 1 ? (n + a - 1) / a * a : n;
}

static enum CXVisitorResult add_field(CXCursor field, CXClientData data) {
  Size *s = data;
  if (clang_Cursor_isBitField(field))
    s->bad = true;
  Size f = real_size(clang_getCursorType(field));
  s->size = size_align_up(s->size, f.align) + f.size;
  s->align = f.align > s->align ? f.align : s->align;
  s->future |= f.future;
  return CXVisit_Continue;
}

static Size real_size(CXType t) {
  t = clang_getCanonicalType(t);
  if (t.kind == CXType_Pointer && clang_getAddressSpace(clang_getPointeeType(t)) ==
                                      FUTURE_ADDRESS_SPACE) {
    Size v = real_size(clang_getPointeeType(t));
    if (clang_getPointeeType(t).kind == CXType_Void)
      return (Size){8, 8, false, true};
    long align = v.align > 8 ? v.align : 8;
    return (Size){size_align_up(size_align_up(8, v.align) + v.size, align), align, v.bad, true};
  }
  if (t.kind == CXType_ConstantArray) {
    Size e = real_size(clang_getArrayElementType(t));
    return (Size){e.size * clang_getArraySize(t), e.align, e.bad, e.future};
  }
  // A struct is measured again only when it holds a future (clang's own
  // figures keep _Alignas and packing right otherwise).
  if (t.kind == CXType_Record && clang_getCursorKind(clang_getTypeDeclaration(t)) ==
                                     CXCursor_StructDecl) {
    Size s = {0, 1, false, false};
    clang_Type_visitFields(t, add_field, &s);
    if (s.future && !s.bad && s.size > 0)
      return (Size){size_align_up(s.size, s.align), s.align, false, true};
  }
  return (Size){clang_Type_getSizeOf(t), clang_Type_getAlignOf(t), false, false};
}

static bool is_array_type(CXType t) {
  enum CXTypeKind k = clang_getCanonicalType(t).kind;
  return k == CXType_ConstantArray || k == CXType_IncompleteArray ||
         k == CXType_VariableArray || k == CXType_DependentSizedArray;
}

static void set_size(Fact *f, CXType t) {
  Size s = real_size(t);
  f->size = s.size;
  f->align = s.align;
}

// An expression's type: as written, canonical (for temporaries), size.
static void set_expr_type(Fact *f, CXType t) {
  f->type = type_spelling(t);
  f->ctype = type_spelling(clang_getCanonicalType(t));
  f->is_array = is_array_type(t);
  set_size(f, t);
}

static bool is_future_type(CXType t) {
  if (t.kind != CXType_Pointer)
    return false;
  return clang_getAddressSpace(clang_getPointeeType(t)) == FUTURE_ADDRESS_SPACE;
}

// --- libclang diagnostics -------------------------------------------------

// Writes the view's spelling of a future type back as ac_future(T):
// "__attribute__((address_space(7))) typeof(int) *" and
// "__attribute__((address_space(7))) int *" both become "ac_future(int)";
// the value an await gives, "__attribute__((address_space(7))) typeof(int)",
// becomes "int";
// libclang's "(aka '...')" explanations of those are dropped.
static char *dialect_types(const char *msg) {
  static const char as[] = "__attribute__((address_space(7))) ";
  if (!strchr(msg, '('))   // every pattern below has one: most types are copied
    return arena_strndup(msg, strlen(msg));
  char *out = "";
  const char *p = msg;
  for (const char *q; (q = strstr(p, as));) {
    out = arena_printf("%s%.*s", out, (int)(q - p), p);
    q += sizeof as - 1;
    // "typeof(T) *": T may hold a `*` of its own, so match the parenthesis.
    // "typeof(T)" alone is what awaiting a future of T gives: T.
    if (!strncmp(q, "typeof(", 7)) {
      const char *e = text_close_paren(q + 6);
      bool future = e && !strncmp(e + 1, " *", 2);
      if (e) {
        out = arena_printf(future ? "%sac_future(%.*s)" : "%s%.*s", out, (int)(e - q - 7), q + 7);
        p = e + (future ? 3 : 1);
        continue;
      }
    }
    // "T *": the `*` must belong to this type, not to a later one.
    const char *star = strchr(q, '*'), *quote = strchr(q, '\'');
    if (!star || (quote && quote < star)) {
      p = q;
      continue;
    }
    int n = star - q;
    while (n > 0 && q[n - 1] == ' ')
      n--;
    out = arena_printf("%sac_future(%.*s)", out, n, q);
    p = star + 1;
  }
  out = arena_printf("%s%s", out, p);
  // What is left qualifies a value (int *__attribute__((address_space(7)))):
  // in plain C that is just the type.
  for (char *q; (q = strstr(out, "__attribute__((address_space(7)))"));) {
    char *e = q + sizeof "__attribute__((address_space(7)))" - 1;
    if (q > out && q[-1] == ' ')
      q--;
    memmove(q, e, strlen(e) + 1);
  }
  // ac_future(T) is typeof(T' *) in the view, so declarators share it:
  // "typeof(ac_future(T))" reads back as ac_future(T).
  for (char *q; (q = strstr(out, "typeof(ac_future("));) {
    char *e = (char *)text_close_paren(q + 6);
    if (!e)
      break;
    memmove(e, e + 1, strlen(e + 1) + 1);
    memmove(q, q + 7, strlen(q + 7) + 1);
  }
  for (char *aka; (aka = strstr(out, " (aka '"));) {
    char *end = strstr(aka, "')");
    if (!end)
      break;
    memmove(aka, end + 2, strlen(end + 2) + 1);
  }
  return out;
}

// libclang does not parse GNU nested functions.  In an async body say so
// in our terms, pointing at an await inside if there is one.
static const char *nested_function(Ctx *c, int *off_p) {
  int open = header_token_at(c->tl, *off_p);
  int close = open < 0 ? -1 : header_close_brace(c->src, c->tl, open);
  int end = close < 0 ? -1 : c->tl->toks[close].off;
  for (int i = header_token_at(c->tl, *off_p); i >= 0 && c->tl->toks[i].off < end; i++)
    if (c->tl->toks[i].kind == TK_AWAIT) {
      *off_p = c->tl->toks[i].off;
      return "'await' inside a nested function: only the async function itself can await";
    }
  return "nested functions are not supported inside async functions";
}

// Rewords a libclang message about the view into the dialect's terms.
// An await in typeof (written there, or in an argument of a macro that
// takes its typeof) declares a variable of the view's future value type,
// which libclang calls "qualified with an address space".  The await is
// in the declaration's statement: from the token after the last `;`, `{`
// or `}` before off to the next `;`.
static int await_in_statement(Ctx *c, int off) {
  int i = header_token_at(c->tl, off);
  if (i < 0)
    return -1;
  while (i > 0 && !strchr(";{}", c->src->text[c->tl->toks[i - 1].off]))
    i--;
  for (; i < c->tl->ntoks && c->tl->toks[i].kind != TK_EOF; i++) {
    Token *t = &c->tl->toks[i];
    if (t->kind == TK_AWAIT && !(t->flags & TF_SKIPPED))
      return t->off;
    if (t->off > off && t->kind == TK_PUNCT && c->src->text[t->off] == ';')
      break;
  }
  return -1;
}

static const char *reword(Ctx *c, int *off_p, const char *msg) {
  int off = *off_p;
  int aw = strstr(msg, "automatic variable qualified with an address space") &&
           in_async_body(c, off) ? await_in_statement(c, off) : -1;
  if (aw >= 0) {
    *off_p = aw;
    return "'await' here is not evaluated, or not always (inside sizeof, _Alignof, typeof or "
           "_Generic): await before it";
  }
  if (strstr(msg, "function definition is not allowed here") && in_async_body(c, off)) {
    c->stop_reporting = true;   // the errors that follow are its echoes
    return nested_function(c, off_p);
  }
  int i = header_token_at(c->tl, off);
  if (i >= 0 && c->tl->toks[i].kind == TK_AWAIT &&
      strstr(msg, "indirection requires pointer operand")) {
    const char *ty = strchr(msg, '\'');
    return arena_printf("cannot await a value of type %.*s: 'await' needs an ac_future",
                        ty ? (int)(strrchr(msg, '\'') - ty + 1) : 3, ty ? ty : "'?'");
  }
  if (i > 0 && c->tl->toks[i - 1].kind == TK_AWAIT && strstr(msg, "expected expression")) {
    *off_p = c->tl->toks[i - 1].off;
    return "'await' needs an operand";
  }
  return dialect_types(msg);
}

// Does line (1-based) of an included file write ac_future(...)?
static bool line_mentions_future(Ctx *c, CXFile file, unsigned line) {
  size_t size;
  const char *text = clang_getFileContents(c->tu, file, &size);
  const char *end = text + size, *p = text;
  for (unsigned l = 1; text && l < line && p < end; p++)
    l += *p == '\n';
  const char *eol = text ? memchr(p, '\n', end - p) : NULL;
  return text && memmem(p, (eol ? eol : end) - p, "ac_future(", 10);
}

// Where the main file includes `file`, directly or through other headers:
// the offset of that #include, or -1.
typedef struct {
  Ctx *c;
  CXFile file;
  int off;
} IncludeSite;

static void find_include(CXFile file, CXSourceLocation *stack, unsigned len,
                         CXClientData data) {
  IncludeSite *s = data;
  if (s->off >= 0 || len == 0 || !clang_File_isEqual(file, s->file))
    return;
  s->off = loc_offset(s->c, stack[len - 1]);   // the outermost #include
}

static int include_site(Ctx *c, CXFile file) {
  IncludeSite s = {c, file, -1};
  clang_getInclusions(c->tu, find_include, &s);
  return s.off;
}

// A declaration libclang reports on: in the dialect file (off, an async
// function's name when the view's prototype of it is meant), or in a header.
typedef struct {
  int off;            // in the source, or -1: a header
  const char *path;   // a header's name, as libclang gives it
  unsigned line, col;
  char *type;         // the declared type, in the dialect's spelling
  bool is_async;      // the async function's definition
} DeclPlace;

static DeclPlace decl_place(Ctx *c, CXSourceLocation loc) {
  DeclPlace p = {.off = -1, .path = "?"};
  CXFile file;
  unsigned off;
  clang_getFileLocation(loc, &file, &p.line, &p.col, &off);
  if (file && clang_File_isEqual(file, c->main_file)) {
    p.off = view_to_source(c->view, off);
    int at = p.off < 0 ? view_inserted_before(c->view, off) : -1;
    for (AsyncFn *fn = c->facts->fns; fn && p.off < 0; fn = fn->next)
      if (fn->async_off == at)
        p.off = fn->name_off, p.is_async = true;   // the prototype stands for it
    source_pos(c->src, p.off < 0 ? 0 : p.off, (int *)&p.line, (int *)&p.col);
    p.path = c->src->path;
  } else if (file) {
    CXString name = clang_getFileName(file);
    p.path = arena_strndup(clang_getCString(name), strlen(clang_getCString(name)));
    clang_disposeString(name);
  }
  p.type = type_spelling(clang_getCursorType(clang_getCursor(c->tu, loc)));
  return p;
}

// A note at the declaration p: through diag_note in the dialect file, as
// libclang places it in a header.
static void note_at(const DeclPlace *p, const char *text) {
  if (p->off >= 0)
    diag_note(p->off, "%s", text);
  else
    fprintf(stderr, "%s:%u:%u: note: %s\n", p->path, p->line, p->col, text);
}

// "conflicting types for 'f'" names neither type, and for an async function
// points into the view's prototype of it, which the user never wrote: say
// where both declarations are, as the user wrote them, and their types.
static bool conflicting_types(Ctx *c, CXDiagnostic d, const char *msg) {
  static const char head[] = "conflicting types for '";
  if (strncmp(msg, head, sizeof head - 1))
    return false;
  CXDiagnosticSet notes = clang_getChildDiagnostics(d);
  if (clang_getNumDiagnosticsInSet(notes) < 1)
    return false;
  CXDiagnostic note = clang_getDiagnosticInSet(notes, 0);
  DeclPlace here = decl_place(c, clang_getDiagnosticLocation(d));
  DeclPlace other = decl_place(c, clang_getDiagnosticLocation(note));
  clang_disposeDiagnostic(note);
  if (here.off < 0)   // a header's conflict: reported as libclang says it
    return false;
  const char *name = msg + sizeof head - 1;
  int n = strcspn(name, "'");
  diag_error(here.off, "conflicting types for '%.*s': '%s' here, '%s' at %s:%u:%u%s",
             n, name, here.type, other.type, other.path, other.line, other.col,
             here.is_async || other.is_async ? " (an async function returning T is "
                                               "declared as 'ac_future(T) name(...)')" : "");
  note_at(&other, arena_printf("the other declaration of '%.*s', as '%s'", n, name, other.type));
  return true;
}

// The first error inside an inserted prototype (see report_clang_diags).
typedef struct {
  bool seen;
  int off;            // the async function's name
  char *msg;
  bool has_note;
  DeclPlace other;    // where the note of the error points
} PrototypeError;

static void note_prototype_error(Ctx *c, CXDiagnostic d, const char *msg, PrototypeError *pe) {
  if (pe->seen)
    return;
  DeclPlace here = decl_place(c, clang_getDiagnosticLocation(d));
  pe->seen = true;
  pe->off = here.off < 0 ? (c->facts->fns ? c->facts->fns->name_off : 0) : here.off;
  pe->msg = dialect_types(msg);
  CXDiagnosticSet notes = clang_getChildDiagnostics(d);
  if (clang_getNumDiagnosticsInSet(notes) > 0) {
    CXDiagnostic note = clang_getDiagnosticInSet(notes, 0);
    pe->other = decl_place(c, clang_getDiagnosticLocation(note));
    pe->has_note = true;
    clang_disposeDiagnostic(note);
  }
}

static void report_prototype_error(const PrototypeError *pe) {
  diag_error(pe->off, "%s", pe->msg);
  if (pe->has_note)
    note_at(&pe->other, "the other declaration");
}

static void report_clang_diag(Ctx *c, CXDiagnostic d, PrototypeError *pe) {
  enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);
  if (sev < CXDiagnostic_Error || c->stop_reporting)
    return;
  CXString cs = clang_getDiagnosticSpelling(d);
  const char *msg = clang_getCString(cs);
  CXFile file;
  unsigned line, col, off;
  clang_getFileLocation(clang_getDiagnosticLocation(d), &file, &line, &col, &off);
  if (conflicting_types(c, d, msg)) {
    clang_disposeString(cs);
    return;
  }
  if (file && clang_File_isEqual(file, c->main_file)) {
    int src_off = view_to_source(c->view, off);
    if (src_off >= 0) {
      const char *text = reword(c, &src_off, msg);
      diag_error(src_off, "%s", text);
    }
    else
      note_prototype_error(c, d, msg, pe);   // inside an inserted prototype: see caller
  } else if (file) {
    CXString name = clang_getFileName(file);
    int site = include_site(c, file), site_line = 0, site_col;
    if (site >= 0)
      source_pos(c->src, site, &site_line, &site_col);
    if (site_line)   // as gcc says it
      fprintf(stderr, "In file included from %s:%d:\n", c->src->path, site_line);
    fprintf(stderr, "%s:%u:%u: error: %s\n", clang_getCString(name), line, col,
            dialect_types(msg));
    if (!strncmp(msg, "use of undeclared identifier '", 30) && line_mentions_future(c, file, line))
      fprintf(stderr, "%s:%u:%u: note: ac_future(NAME) in a header needs NAME to be a type "
              "with a declared future: typedef ... NAME; AC_FUTURE_DECLARE(NAME, NAME) "
              "(docs/programs.md)\n", clang_getCString(name), line, col);
    if (!strcmp(msg, "unknown type name 'async'"))
      fprintf(stderr, "%s:%u:%u: note: headers are read as plain C: declare an async "
              "function there as what plain C sees, 'ac_future(T) name(params);' "
              "(docs/programs.md)\n", clang_getCString(name), line, col);
    clang_disposeString(name);
    diag_error_printed();
  } else {
    diag_error(-1, "%s", msg);
  }
  clang_disposeString(cs);
}

static void report_clang_diags(Ctx *c) {
  PrototypeError pe = {0};
  unsigned n = clang_getNumDiagnostics(c->tu);
  for (unsigned i = 0; i < n; i++) {
    CXDiagnostic d = clang_getDiagnostic(c->tu, i);
    report_clang_diag(c, d, &pe);
    clang_disposeDiagnostic(d);
  }
  // An error inside an inserted prototype mostly repeats one in the header
  // it was copied from (an unknown type); else it is the prototype's own
  // (a static one after an extern declaration): report it at the async
  // function's name, and only if nothing else was.
  if (pe.seen && !diag_error_count())
    report_prototype_error(&pe);
}

// --- includes and skipped ranges ------------------------------------------

static void note_include(CXFile file, CXSourceLocation *stack, unsigned len,
                         CXClientData data) {
  (void)stack;
  Ctx *c = data;
  Facts *facts = c->facts;
  CXString name = clang_getFileName(file);
  const char *path = clang_getCString(name);
  const char *base = strrchr(path, '/');
  if (!strcmp(base ? base + 1 : path, "asyncc.h"))
    facts->includes_asyncc_h = true;
  // len == 0 is the main file; the prelude is ours.
  if (len > 0 && strcmp(path, "/" VIEW_PRELUDE_NAME)) {
    vec_push(&facts->includes, arena_strndup(path, strlen(path)));
    // As the compilers' -MMD: found in a system directory (-isystem, the
    // defaults) or included from a header that was.
    CXSourceLocation start = clang_getLocationForOffset(c->tu, file, 0);
    vec_push(&facts->include_system, (char)(clang_Location_isInSystemHeader(start) != 0));
  }
  clang_disposeString(name);
}

static void collect_skipped(Ctx *c) {
  CXSourceRangeList *list = clang_getSkippedRanges(c->tu, c->main_file);
  for (unsigned i = 0; i < list->count; i++) {
    int off = loc_offset(c, clang_getRangeStart(list->ranges[i]));
    int end = loc_offset(c, clang_getRangeEnd(list->ranges[i]));
    if (off < 0 || end < off)
      continue;
    vec_push(&c->facts->skipped, off);
    vec_push(&c->facts->skipped, end);
  }
  clang_disposeSourceRangeList(list);
  // Tokens and ranges are both in file order: one sweep.
  const IntVec *r = &c->facts->skipped;
  for (int i = 0, k = 0; i < c->tl->ntoks && k < r->len; i++) {
    int off = c->tl->toks[i].off;
    while (k < r->len && off >= r->data[k + 1])
      k += 2;
    if (k < r->len && off >= r->data[k])
      c->tl->toks[i].flags |= TF_SKIPPED;
  }
}

// Whether v, sorted, holds off.
static bool sorted_has(const IntVec *v, int off) {
  for (int lo = 0, hi = v->len - 1; lo <= hi;) {
    int mid = (lo + hi) / 2;
    if (v->data[mid] == off)
      return true;
    if (v->data[mid] < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return false;
}

// In v, sorted, of 2 * offset + tag (tag 0 or 1): 1 + the tag of off, or
// 0 when off is not there.
static int tagged_at(const IntVec *v, int off) {
  for (int lo = 0, hi = v->len - 1; lo <= hi;) {
    int mid = (lo + hi) / 2;
    if (v->data[mid] / 2 == off)
      return 1 + v->data[mid] % 2;
    if (v->data[mid] / 2 < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return 0;
}

int facts_pragma_macro_at(const Facts *facts, int off) {
  return tagged_at(&facts->pragma_macros, off);   // sorted by facts_collect
}

// 3 for an empty macro's invocation (empty_macros: offsets alone), else
// what attr_macros says (2 * offset + tag).
int facts_attr_macro_at(const Facts *facts, int off) {
  if (sorted_has(&facts->empty_macros, off))   // both sorted by facts_collect
    return 3;
  return tagged_at(&facts->attr_macros, off);
}

bool facts_declares_member(const Facts *facts, int off) {
  return sorted_has(&facts->member_decls, off);   // sorted by facts_collect
}

bool facts_is_skipped(const Facts *facts, int off) {
  int lo = 0, hi = facts->skipped.len / 2 - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    int b = facts->skipped.data[2 * mid], e = facts->skipped.data[2 * mid + 1];
    if (off < b)
      hi = mid - 1;
    else if (off >= e)
      lo = mid + 1;
    else
      return true;
  }
  return false;
}

// --- facts of an async body -------------------------------------------------

static Fact *add_fact(Ctx *c, FactKind kind, int off, int end) {
  Fact f = {.kind = kind, .off = off, .end = end, .name_off = -1, .ref_off = -1,
            .seq = c->facts->facts.len, .type_decl_off = -1};
  vec_push(&c->facts->facts, f);
  return &c->facts->facts.data[c->facts->facts.len - 1];
}

// The index in ranges (pairs [off, end), sorted by sort_ranges) of the
// range that starts at off and holds op, or -1.
static int range_at(const IntVec *ranges, int off, int op) {
  int lo = 0, hi = ranges->len / 2;   // the first pair starting at or after off
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (ranges->data[2 * mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int i = 2 * lo; i + 1 < ranges->len && ranges->data[i] == off; i += 2)
    if (op >= off && op < ranges->data[i + 1])
      return i;
  return -1;
}

static int by_macro_name(const void *a, const void *b) {
  const MacroDef *x = a, *y = b;
  int r = strcmp(x->name, y->name);
  return r ? r : (x->order > y->order) - (x->order < y->order);
}

// The last definition of the function-like macro `name` in the translation
// unit, or a null cursor (an approximation where a macro is redefined: the
// definition in force at an expansion may be an earlier one).
static MacroDef *macro_named(Ctx *c, const char *name) {
  if (!c->macro_index.len && c->macro_defs.len) {
    for (int i = 0; i < c->macro_defs.len; i++) {
      CXString sp = clang_getCursorSpelling(c->macro_defs.data[i]);
      const char *n = clang_getCString(sp);
      MacroDef d = {arena_strndup(n, strlen(n)), i, c->macro_defs.data[i], 0, 0, 0};
      clang_disposeString(sp);
      vec_push(&c->macro_index, d);
    }
    qsort(c->macro_index.data, c->macro_index.len, sizeof(MacroDef), by_macro_name);
  }
  int lo = 0, hi = c->macro_index.len;   // past the last entry named `name`
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (strcmp(c->macro_index.data[mid].name, name) <= 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo > 0 && !strcmp(c->macro_index.data[lo - 1].name, name))
    return &c->macro_index.data[lo - 1];
  return NULL;
}

static uint64_t definition_pasted_params(Ctx *c, CXCursor def, int *nparams);

// The pasted parameters of d, found once (a macro that reaches itself
// again adds nothing: it is not expanded again).
static uint64_t known_pasted_params(Ctx *c, MacroDef *d, int *nparams) {
  if (d->state == 0) {
    d->state = 1;
    d->pasted = definition_pasted_params(c, d->cur, &d->nparams);
    d->state = 2;
  }
  *nparams = d->nparams;
  return d->state == 2 ? d->pasted : 0;
}

// The parameters of a macro passed (as a whole argument or a part of one)
// to another function-like macro of its body that stringifies or pastes
// that argument: `#define XSTR(a) STR(a)` with `#define STR(a) #a`.
static uint64_t passed_to_pasting(Ctx *c, char **words, unsigned n, unsigned body,
                                  char **params, int nparams) {
  uint64_t mask = 0;
  for (unsigned k = body; k + 1 < n; k++) {
    if (strcmp(words[k + 1], "(") || !(isalpha((unsigned char)words[k][0]) || words[k][0] == '_'))
      continue;
    if (k > body && (!strcmp(words[k - 1], "#") || !strcmp(words[k - 1], "##")))
      continue;
    MacroDef *inner = macro_named(c, words[k]);
    int np = 0;
    uint64_t im = inner ? known_pasted_params(c, inner, &np) : 0;
    if (!im)
      continue;
    int level = 0, arg = 0;
    for (unsigned j = k + 1; j < n; j++) {
      if (!strcmp(words[j], "(") || !strcmp(words[j], "[") || !strcmp(words[j], "{"))
        level++;
      else if (!strcmp(words[j], ")") || !strcmp(words[j], "]") || !strcmp(words[j], "}")) {
        if (--level == 0)
          break;
      } else if (level == 1 && !strcmp(words[j], ","))
        arg++;
      int a = arg < np ? arg : np - 1;   // more arguments than parameters: __VA_ARGS__
      for (int p = 0; p < nparams; p++)
        if (level >= 1 && a >= 0 && a < 64 && (im >> a & 1) && !strcmp(words[j], params[p]))
          mask |= 1ull << p;
    }
  }
  return mask;
}

// Which parameters of the invoked macro are stringified or pasted (# ##),
// by it or by a macro it passes them to: their argument's text then
// matters, not only its value.  A bit per parameter; a variadic macro's
// __VA_ARGS__ is the bit of its `...`.
static uint64_t macro_pasted_params(Ctx *c, CXCursor expansion, int *nparams) {
  *nparams = 0;
  CXCursor def = clang_getCursorReferenced(expansion);
  if (clang_Cursor_isNull(def) || !clang_Cursor_isMacroFunctionLike(def))
    return 0;
  return definition_pasted_params(c, def, nparams);
}

static uint64_t definition_pasted_params(Ctx *c, CXCursor def, int *nparams) {
  *nparams = 0;
  CXToken *toks;
  unsigned n;
  clang_tokenize(c->tu, clang_getCursorExtent(def), &toks, &n);
  char *words[n + 1];
  for (unsigned i = 0; i < n; i++) {
    CXString sp = clang_getTokenSpelling(c->tu, toks[i]);
    words[i] = arena_strndup(clang_getCString(sp), strlen(clang_getCString(sp)));
    clang_disposeString(sp);
  }
  words[n] = "";
  clang_disposeTokens(c->tu, toks, n);
  // name ( p0 , p1 , ... ) body
  char *params[64];
  unsigned i = 2;
  for (; i < n && strcmp(words[i], ")") && *nparams < 64; i++)
    if (strcmp(words[i], ","))
      params[(*nparams)++] = !strcmp(words[i], "...") ? "__VA_ARGS__" : words[i];
  uint64_t mask = 0;
  for (unsigned k = i + 1; k < n; k++) {
    bool hash = !strcmp(words[k], "#") || !strcmp(words[k], "%:");
    bool paste = !strcmp(words[k], "##") || !strcmp(words[k], "%:%:");
    for (int p = 0; p < *nparams; p++) {
      if ((hash || paste) && k + 1 < n && !strcmp(words[k + 1], params[p]))
        mask |= 1ull << p;
      if (paste && k > 0 && !strcmp(words[k - 1], params[p]))
        mask |= 1ull << p;
    }
  }
  return mask | passed_to_pasting(c, words, n, i + 1, params, *nparams);
}

// The index of the macro argument holding op, the invocation's name at
// token m (commas inside parentheses do not count).
static int macro_arg_index(Ctx *c, int m, int op) {
  int depth = 0, arg = 0;
  for (int i = m + 1; i < c->tl->ntoks && c->tl->toks[i].off < op; i++) {
    Token *t = &c->tl->toks[i];
    if (scan_token_is(c->src, t, "(") || scan_token_is(c->src, t, "[") ||
        scan_token_is(c->src, t, "{"))
      depth++;
    else if (scan_token_is(c->src, t, ")") || scan_token_is(c->src, t, "]") ||
             scan_token_is(c->src, t, "}"))
      depth--;
    else if (depth == 1 && scan_token_is(c->src, t, ","))
      arg++;
  }
  return arg;
}

static bool argument_is_pasted(Ctx *c, int m, int off, int op) {
  for (int i = 0; i < c->pasting.len; i++) {
    MacroUse *u = &c->pasting.data[i];
    if (u->off != off || op < off || op >= u->end)
      continue;
    int arg = macro_arg_index(c, m, op);
    if (arg >= u->nparams)
      arg = u->nparams - 1;   // more arguments than parameters: __VA_ARGS__
    return arg >= 0 && arg < 64 && (u->pasted >> arg & 1);
  }
  return false;
}

// An await written in a macro's argument is lowered where it is written:
// it runs before the rest of the macro's expansion.  That is only right
// when the expansion evaluates the argument unconditionally, in one
// expression: not inside a statement of the expansion (do { a; b = x; }
// while (0)), not in a branch of ?:, the right of && || or `,`; and the
// macro must not stringify it.  The path of ancestors that start at the
// macro's name is the expansion.
static bool check_macro_around_await(Ctx *c, int op) {
  for (int k = c->path.len - 1; k >= 0; k--) {
    Ancestor *a = &c->path.data[k];
    if (range_at(&c->macros, a->off, op) < 0)
      continue;   // written in the source: lowering sees it as it is
    int m = header_token_at(c->tl, a->off);
    if (argument_is_pasted(c, m, a->off, op)) {
      Token *t = &c->tl->toks[m];
      diag_error(op, "'await' in an argument that macro '%.*s' stringifies or pastes (# or ##); "
                 "await into a local before the macro", t->len, c->src->text + t->off);
      return false;
    }
    int via = k + 1 < c->path.len ? c->path.data[k + 1].child : 0;
    const char *why = NULL;
    // Statements are fine on the path of what runs first, exactly once:
    // the first statement of a block, a do-while(0) body, an if's
    // condition, the value of a return, a declaration.
    bool first = via == 0 &&
                 (a->kind == CXCursor_CompoundStmt || a->kind == CXCursor_IfStmt ||
                  a->kind == CXCursor_ReturnStmt || a->kind == CXCursor_DeclStmt ||
                  (a->kind == CXCursor_DoStmt && a->runs_once));
    if (clang_isStatement(a->kind) && !first)
      why = "a statement of its expansion that does not run first, or runs more than once";
    else if (a->kind == CXCursor_ConditionalOperator && via > 0)
      why = "a branch of ?: in its expansion";
    else if (a->kind == CXCursor_BinaryOperator && via > 0 &&
             (a->binary_op == CXBinaryOperator_LAnd || a->binary_op == CXBinaryOperator_LOr ||
              a->binary_op == CXBinaryOperator_Comma))
      why = "the right side of &&, || or ',' in its expansion";
    if (why) {
      Token *t = &c->tl->toks[m];
      diag_error(op, "'await' in an argument of macro '%.*s' lands in %s; await into a "
                 "local before the macro", t->len, c->src->text + t->off, why);
      return false;
    }
  }
  return true;
}

static void record_await(Ctx *c, CXCursor cur) {
  int op = loc_offset(c, clang_getCursorLocation(cur));
  int i = op < 0 ? -1 : header_token_at(c->tl, op);
  if (i < 0 || c->tl->toks[i].kind != TK_AWAIT)
    return;   // a real `*`
  // GNU `a ?: b` shows its condition to visitors several times: the same
  // expression, not another evaluation.
  if (c->await_seen[i] < 0 ||
      (c->await_seen[i] && clang_equalCursors(c->await_cursor[i], cur)))
    return;
  c->await_cursor[i] = cur;
  c->await_seen[i]++;
  if (c->unevaluated) {
    diag_error(op, "'await' here is not evaluated, or not always (inside sizeof, _Alignof, "
               "typeof or _Generic): await before it");
    return;
  }
  if (c->nested_fn) {
    diag_error(op, "'await' inside a nested function: only the async function itself can await");
    return;
  }
  if (!check_macro_around_await(c, op)) {
    c->await_seen[i] = -1;   // reported: no second message about it
    return;
  }
  int off, end;
  if (!cursor_range(c, cur, &off, &end))
    off = op, end = op + 5;
  set_expr_type(add_fact(c, FK_AWAIT, off, end), clang_getCursorType(cur));
}

static enum CXChildVisitResult first_child(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  *(CXCursor *)data = cur;
  return CXChildVisit_Break;
}

// r holds sorted (start, end) pairs: the index of the last pair starting
// at or before off, or -1.
static int range_at_or_before(const IntVec *r, int off) {
  int lo = 0, hi = r->len / 2 - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (r->data[2 * mid] <= off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return hi;
}

// A local declared by a macro (`#define DECL(x) int x`, then `DECL(y) = 3;`)
// is invisible to the parse of the body, which reads the source as written,
// so it could not be kept across an await.  Such locals are noted here, and
// refused by refuse_macro_locals if one is used after its macro in a body
// that awaits after its macro (a loop may carry it across): a temporary of
// a statement macro (`do { int t_ = (e); ... } while (0)`, used only inside
// the invocation) is fine.
static void note_macro_declared(Ctx *c, CXCursor cur) {
  enum CX_StorageClass sc = clang_Cursor_getStorageClass(cur);
  if (!c->fn || sc == CX_SC_Static || sc == CX_SC_Extern)
    return;
  int name = loc_offset(c, clang_getCursorLocation(cur));
  const IntVec *m = &c->outer_macros;
  int hi = range_at_or_before(m, name);   // the last invocation starting at or before name
  if (name < 0 || hi < 0 || name >= m->data[2 * hi + 1])
    return;
  vec_push(&c->macro_locals, name);
  vec_push(&c->macro_locals, m->data[2 * hi + 1]);
  vec_push(&c->macro_locals, c->fn->body_end);
}

// The index of the first token at or after off (ntoks if none).
static int first_token_from(Ctx *c, int off) {
  int lo = 0, hi = c->tl->ntoks;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (c->tl->toks[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

// Is there an await token in [off, end)?
static bool await_between(Ctx *c, int off, int end) {
  if (!c->await_offs.data) {   // the first call: the await tokens' offsets, in order
    for (int i = 0; i < c->tl->ntoks; i++)
      if (c->tl->toks[i].kind == TK_AWAIT)
        vec_push(&c->await_offs, c->tl->toks[i].off);
    vec_push(&c->await_offs, INT_MAX);   // a sentinel: never an empty index again
  }
  int lo = 0, hi = c->await_offs.len - 1;   // the first await at or after off
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (c->await_offs.data[mid] < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return c->await_offs.data[lo] < end;
}

static const Fact *ref_order_facts;   // for the comparison below

// Name uses by the declaration they refer to, then in the order visited.
static int by_ref_then_visit(const void *a, const void *b) {
  int i = *(const int *)a, j = *(const int *)b;
  int x = ref_order_facts[i].ref_off, y = ref_order_facts[j].ref_off;
  if (x != y)
    return x < y ? -1 : 1;
  return (i > j) - (i < j);
}

static void refuse_macro_locals(Ctx *c) {
  if (!c->macro_locals.len)
    return;
  IntVec refs = {0};   // the FK_DECLREF facts by ref_off, then visit order
  for (int i = 0; i < c->facts->facts.len; i++)
    if (c->facts->facts.data[i].kind == FK_DECLREF)
      vec_push(&refs, i);
  ref_order_facts = c->facts->facts.data;
  if (refs.len)
    qsort(refs.data, refs.len, sizeof(int), by_ref_then_visit);
  for (int k = 0; k + 2 < c->macro_locals.len; k += 3) {
    int name = c->macro_locals.data[k], macro_end = c->macro_locals.data[k + 1];
    if (!await_between(c, macro_end, c->macro_locals.data[k + 2]))
      continue;
    int lo = 0, hi = refs.len;   // the first use of name
    while (lo < hi) {
      int mid = (lo + hi) / 2;
      if (c->facts->facts.data[refs.data[mid]].ref_off < name)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (int r = lo; r < refs.len && c->facts->facts.data[refs.data[r]].ref_off == name; r++) {
      const Fact *f = &c->facts->facts.data[refs.data[r]];
      if (f->off < macro_end)
        continue;
      diag_error(f->off, "'%.*s' is declared by a macro and an await may come before this use: asyncc "
                 "reads the body as written and cannot keep such a local across an await; "
                 "declare it directly", f->end - f->off, c->src->text + f->off);
      break;
    }
  }
}

static void check_await_operand(Ctx *c, CXCursor cur) {
  CXCursor operand = clang_getNullCursor();
  clang_visitChildren(cur, first_child, &operand);
  if (clang_Cursor_isNull(operand))
    return;
  CXType t = clang_getCursorType(operand);
  if (t.kind == CXType_Pointer && !is_future_type(t)) {
    int op = loc_offset(c, clang_getCursorLocation(cur));
    diag_error(op, "cannot await a value of type '%s': 'await' needs an ac_future",
               type_spelling(t));
  }
}

// A type through its arrays and pointers and elaborated spelling: what a
// declaration like `struct pt *a[2]` names.
static CXType named_type(CXType t) {
  for (;;) {
    CXType inner = clang_getArrayElementType(t);
    if (inner.kind == CXType_Invalid)
      inner = clang_getPointeeType(t);
    if (inner.kind == CXType_Invalid)
      break;
    t = inner;
  }
  return t.kind == CXType_Elaborated ? clang_Type_getNamedType(t) : t;
}

// Whether a type (through arrays and pointers) names a struct, union or
// enum declared inside the current async function, or one without a name:
// a frame declared at file scope could not spell it.
static bool type_is_local(Ctx *c, CXType t) {
  CXCursor decl = clang_getTypeDeclaration(named_type(t));
  if (clang_Cursor_isNull(decl) || clang_getCursorKind(decl) == CXCursor_NoDeclFound)
    return false;
  int off = loc_offset(c, clang_getCursorLocation(decl));
  if (off >= 0 && c->fn && off > c->fn->body_off && off < c->fn->body_end)
    return true;
  // A file-scope typedef names even an anonymous struct.
  return clang_getCursorKind(decl) != CXCursor_TypedefDecl && clang_Cursor_isAnonymous(decl);
}

// --- what a variable is, from cursors and types (never from its text) -------


static CXType element_type(CXType t) {
  for (CXType e; (e = clang_getArrayElementType(t)).kind != CXType_Invalid;)
    t = e;
  return t;
}

// Whether an attribute cursor is cleanup(f): libclang exposes it only as an
// unexposed attribute, so its first token says which; its third is f.
static bool attr_is_cleanup(Ctx *c, CXCursor attr, char **fn) {
  if (clang_getCursorKind(attr) != CXCursor_UnexposedAttr)
    return false;
  CXToken *toks;
  unsigned n;
  clang_tokenize(c->tu, clang_getCursorExtent(attr), &toks, &n);
  bool is = false;
  if (n > 0) {
    CXString sp = clang_getTokenSpelling(c->tu, toks[0]);
    const char *w = clang_getCString(sp);
    is = !strcmp(w, "cleanup") || !strcmp(w, "__cleanup__");
    clang_disposeString(sp);
  }
  if (is && n > 2) {
    CXString sp = clang_getTokenSpelling(c->tu, toks[2]);
    *fn = arena_strndup(clang_getCString(sp), strlen(clang_getCString(sp)));
    clang_disposeString(sp);
  }
  clang_disposeTokens(c->tu, toks, n);
  return is;
}

typedef struct {
  Ctx *c;
  Fact *f;
} AttrVisit;

// The text of an alignment attribute as a frame field can repeat it:
// `_Alignas(16)` (libclang's extent is the keyword: its parentheses are
// matched), `aligned(16)` written inside __attribute__((...)), or a
// macro's name that expands to either.
static char *align_attr_text(Ctx *c, CXCursor attr) {
  int off, end;
  if (!cursor_range(c, attr, &off, &end))
    return NULL;
  int t = tok_at(c->tl, off);
  if (t < 0)
    return NULL;
  Token *k = &c->tl->toks[t];
  bool keyword = scan_token_is(c->src, k, "_Alignas") || scan_token_is(c->src, k, "alignas");
  if (keyword || (k->flags & TF_MACRO)) {
    int close = t + 1 < c->tl->ntoks && scan_token_is(c->src, k + 1, "(")
                    ? tok_match(c->src, c->tl, t + 1) : -1;
    int stop = close >= 0 ? c->tl->toks[close].off + 1 : k->off + k->len;
    return arena_strndup(c->src->text + off, stop - off);
  }
  return end > off ? arena_printf("__attribute__((%.*s))", end - off, c->src->text + off)
                   : NULL;
}

static enum CXChildVisitResult visit_var_attr(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  AttrVisit *a = data;
  char *fn = NULL;
  if (clang_isAttribute(clang_getCursorKind(cur)) && attr_is_cleanup(a->c, cur, &fn)) {
    a->f->has_cleanup = true;
    a->f->cleanup_fn = fn;
    if (!cursor_range(a->c, cur, &a->f->cleanup_off, &a->f->cleanup_end))
      a->f->cleanup_off = a->f->cleanup_end = -1;
  }
  if (clang_getCursorKind(cur) == CXCursor_AlignedAttr) {
    char *text = align_attr_text(a->c, cur);
    if (text)
      a->f->align_text = arena_printf("%s%s ", a->f->align_text ? a->f->align_text : "", text);
  }
  return CXChildVisit_Continue;
}

// The declaration of the struct/union/enum/typedef that t names (through
// arrays and pointers), or a null cursor.
static CXCursor type_declaration(CXType t) {
  CXCursor decl = clang_getTypeDeclaration(named_type(t));
  if (clang_Cursor_isNull(decl) || clang_getCursorKind(decl) == CXCursor_NoDeclFound)
    decl = clang_getTypeDeclaration(named_type(clang_getCanonicalType(t)));
  if (clang_Cursor_isNull(decl) || clang_getCursorKind(decl) == CXCursor_NoDeclFound)
    return clang_getNullCursor();
  return decl;
}

// Where in this file the type t names is declared, or -1.
static int type_decl_of(Ctx *c, CXType t) {
  CXCursor decl = type_declaration(t);
  return clang_Cursor_isNull(decl) ? -1 : loc_offset(c, clang_getCursorLocation(decl));
}

// Notes in *data whether the field (the last one visited wins) is a
// flexible array member.
static enum CXVisitorResult last_field_flexible(CXCursor field, CXClientData data) {
  *(bool *)data = clang_getCursorType(field).kind == CXType_IncompleteArray;
  return CXVisit_Continue;
}

// Visits the fields of t, a struct or union (canonically; else nothing):
// what fn leaves in the bool it is given, false at first.
static bool visit_record_fields(CXType t, CXFieldVisitor fn) {
  t = clang_getCanonicalType(t);
  bool found = false;
  if (t.kind == CXType_Record)
    clang_Type_visitFields(t, fn, &found);
  return found;
}

static bool has_flexible_member(CXType t) {
  return visit_record_fields(t, last_field_flexible);
}

static void set_var_traits(Ctx *c, CXCursor var, Fact *f) {
  CXType t = clang_getCursorType(var);
  f->is_register = clang_Cursor_getStorageClass(var) == CX_SC_Register;
  CXType e = element_type(t);
  f->is_const = clang_isConstQualifiedType(e);
  f->is_atomic = clang_getCanonicalType(e).kind == CXType_Atomic;
  CXType k = clang_getCanonicalType(t);
  f->is_plain_scalar = ((k.kind >= CXType_Char_U && k.kind <= CXType_Int128) ||
                        k.kind == CXType_Pointer) &&
                       !clang_isConstQualifiedType(k) && !clang_isVolatileQualifiedType(k) &&
                       !clang_isRestrictQualifiedType(k);
  // typeof(s) names s's type only through the canonical type.
  f->local_type |= type_is_local(c, clang_getCanonicalType(t));
  f->has_flexible = has_flexible_member(t);
  CXCursor decl = type_declaration(t);
  if (!clang_Cursor_isNull(decl)) {
    f->type_decl_off = loc_offset(c, clang_getCursorLocation(decl));
    f->type_is_anonymous = clang_getCursorKind(decl) != CXCursor_TypedefDecl &&
                           clang_Cursor_isAnonymous(decl);
  }
  AttrVisit a = {c, f};
  clang_visitChildren(var, visit_var_attr, &a);
}

static enum CXChildVisitResult visit_body(CXCursor cur, CXCursor parent, CXClientData data);

static void visit_children(Ctx *c, CXCursor cur) {
  clang_visitChildren(cur, visit_body, c);
}

// Whether t has a variable length array in its chain of arrays and
// pointers (its size or its pointee's is only known at run time).
static bool variably_modified(CXType t) {
  for (t = clang_getCanonicalType(t);; ) {
    if (t.kind == CXType_VariableArray)
      return true;
    if (t.kind == CXType_Pointer)
      t = clang_getCanonicalType(clang_getPointeeType(t));
    else if (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
      t = clang_getCanonicalType(clang_getArrayElementType(t));
    else
      return false;
  }
}

const char *const facts_stack_callees[] = {
    "alloca", "__builtin_alloca", "setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp",
    "__builtin_setjmp", "longjmp", "_longjmp", "siglongjmp", "__builtin_longjmp", NULL,
};

// Whether the text at off begins with one of facts_stack_callees' names.
static bool written_stack_callee(Ctx *c, int off, int end) {
  for (int i = 0; facts_stack_callees[i]; i++) {
    size_t len = strlen(facts_stack_callees[i]);
    if ((size_t)(end - off) >= len && !memcmp(c->src->text + off, facts_stack_callees[i], len))
      return true;
  }
  return false;
}

// A call of one of facts_stack_callees from a macro's body: its extent
// starts with another name, the macro's.  (`alloca(n)` as written is a
// macro of glibc's calling __builtin_alloca: the tree refuses that one.)
static void note_stack_call(Ctx *c, CXCursor cur, int off, int end) {
  CXString name = clang_getCursorSpelling(cur);
  const char *n = clang_getCString(name);
  for (int i = 0; n && facts_stack_callees[i]; i++) {
    if (strcmp(n, facts_stack_callees[i]) || written_stack_callee(c, off, end))
      continue;
    vec_push(&c->facts->stack_calls, off);
    vec_push(&c->facts->stack_calls, i);
    break;
  }
  clang_disposeString(name);
}

// The index on the path of the cursor at its top, or of the outermost
// parenthesis around it: what its parent (the entry before) applies to.
static int top_through_parens(const Ctx *c) {
  int j = c->path.len - 1;
  while (j > 0 && c->path.data[j - 1].kind == CXCursor_ParenExpr)
    j--;
  return j;
}

// Whether the cursor at the top of the path is the operand of & (through
// parentheses).
static bool top_is_address_of(const Ctx *c) {
  int j = top_through_parens(c);
  return j > 0 && c->path.data[j - 1].kind == CXCursor_UnaryOperator &&
         c->path.data[j - 1].unary_op == CXUnaryOperator_AddrOf;
}

// A compound literal from a macro's body (its extent starts at the macro's
// name, not at its `(`) whose address is taken or which decays to a
// pointer: the lowering keeps written literals in the frame (AC__KEEP) by
// rewriting their text, which a macro's body does not have.
static void note_macro_literal(Ctx *c, CXCursor cur, int off) {
  if (top_is_address_of(c) || is_array_type(clang_getCursorType(cur)))
    vec_push(&c->facts->macro_literals, off);
}

// What the expression around the name use at the top of the path does to
// the variable: takes its address, or writes it.  The tree sees the same
// where the use is written in the body; inside a macro's body (`#define
// ADDR(v) (&(v))`, `#define SET(v, e) ((v) = (e))`) only libclang does.
static void note_use_effect(Ctx *c, Fact *f) {
  int j = top_through_parens(c);
  if (j == 0)
    return;
  const Ancestor *p = &c->path.data[j - 1];
  f->addr_of = top_is_address_of(c);
  if (p->kind == CXCursor_UnaryOperator)
    f->modifies = p->unary_op >= CXUnaryOperator_PostInc && p->unary_op <= CXUnaryOperator_PreDec;
  else if (p->kind == CXCursor_BinaryOperator || p->kind == CXCursor_CompoundAssignOperator)
    f->modifies = c->path.data[j].child == 0 &&   // the left operand
                  p->binary_op >= CXBinaryOperator_Assign && p->binary_op <= CXBinaryOperator_OrAssign;
  else if (p->kind == CXCursor_AsmStmt)   // an operand: an output, maybe (also in a macro's body)
    f->modifies = true;
}

static void record_cursor(Ctx *c, CXCursor cur, enum CXCursorKind kind) {
  int off, end;
  if (!cursor_range(c, cur, &off, &end))
    return;

  if (kind == CXCursor_FieldDecl) {
    int name = loc_offset(c, clang_getCursorLocation(cur));
    if (name >= 0)
      vec_push(&c->facts->member_decls, name);
  } else if (kind == CXCursor_EnumConstantDecl || kind == CXCursor_TypedefDecl ||
      kind == CXCursor_FunctionDecl) {
    int name = loc_offset(c, clang_getCursorLocation(cur));
    if (name >= 0)
      vec_push(&c->facts->other_decls, name);
    if (name >= 0 && kind == CXCursor_TypedefDecl &&
        variably_modified(clang_getTypedefDeclUnderlyingType(cur)))
      vec_push(&c->facts->vm_typedefs, name);
  } else if (kind == CXCursor_DeclRefExpr) {
    Fact *f = add_fact(c, FK_DECLREF, off, end);
    f->name_off = off;
    CXCursor ref = clang_getCursorReferenced(cur);
    if (!clang_Cursor_isNull(ref))
      f->ref_off = loc_offset(c, clang_getCursorLocation(ref));
    f->type = type_spelling(clang_getCursorType(cur));
    f->is_array = is_array_type(clang_getCursorType(cur));
    note_use_effect(c, f);
  } else if (kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl) {
    if (kind == CXCursor_VarDecl)
      note_macro_declared(c, cur);
    // Only the function's own parameters: not those of a function
    // pointer's type, as in int (*cb)(int).
    if (kind == CXCursor_ParmDecl &&
        (c->path.len < 2 || c->path.data[c->path.len - 2].kind != CXCursor_FunctionDecl))
      return;
    Fact *f = add_fact(c, FK_VAR, off, end);
    f->name_off = loc_offset(c, clang_getCursorLocation(cur));
    f->type = type_spelling(clang_getCursorType(cur));
    CXType t = clang_getCanonicalType(clang_getCursorType(cur));
    f->is_array = t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray ||
                  t.kind == CXType_VariableArray || t.kind == CXType_DependentSizedArray;
    if (kind == CXCursor_ParmDecl && t.kind == CXType_FunctionProto) {
      // ... and a function parameter to a function pointer (6.7.6.3p8).
      f->ctype = arena_printf("__typeof__(%s) *", type_spelling(t));
      f->size = f->align = 8;
      return;
    }
    if (kind == CXCursor_ParmDecl)
      f->vm_param = variably_modified(f->is_array ? clang_getArrayElementType(t) : t);
    if (kind == CXCursor_ParmDecl && f->is_array) {
      // C adjusts an array parameter to a pointer (C11 6.7.6.3p7).
      f->is_array = false;
      f->ctype = arena_printf("__typeof__(%s) *",
                              type_spelling(clang_getArrayElementType(clang_getCursorType(cur))));
      f->size = f->align = 8;
      f->local_type = false;
      return;
    }
    f->ctype = type_spelling(clang_getUnqualifiedType(clang_getCursorType(cur)));
    if (strstr(f->ctype, "typeof"))   // __typeof__(expr), __auto_type: name the type
      f->ctype = type_spelling(clang_getUnqualifiedType(t));
    f->local_type = type_is_local(c, clang_getCursorType(cur));
    set_size(f, clang_getCursorType(cur));
    enum CX_StorageClass sc = clang_Cursor_getStorageClass(cur);
    f->is_static = sc == CX_SC_Static;
    f->is_extern = sc == CX_SC_Extern;
    f->is_vla = variably_modified(clang_getCursorType(cur));   // int a[n], int (*p)[n]
    if (kind == CXCursor_VarDecl) {
      CXCursor init = clang_Cursor_getVarDeclInitializer(cur);
      f->init_is_list = !clang_Cursor_isNull(init) &&
                        clang_getCursorKind(init) == CXCursor_InitListExpr;
    }
    set_var_traits(c, cur, f);
  } else if (kind == CXCursor_TypeRef) {
    // Only where the typedef's name is written: a TypeRef from a macro's
    // body (#define ANY ((in_addr_t) 0)) maps to the macro's name.
    CXString name = clang_getCursorSpelling(clang_getCursorReferenced(cur));
    const char *n = clang_getCString(name);
    bool written = (int)strlen(n) == end - off && !memcmp(c->src->text + off, n, end - off);
    clang_disposeString(name);
    if (!written && !is_name_macro(c, off))
      return;
    Fact *f = add_fact(c, FK_TYPEREF, off, end);
    f->name_off = off;
    f->type_decl_off = loc_offset(c, clang_getCursorLocation(clang_getCursorReferenced(cur)));
  } else if (clang_isExpression(kind)) {
    if (kind == CXCursor_CallExpr)
      note_stack_call(c, cur, off, end);
    if (kind == CXCursor_CompoundLiteralExpr && c->src->text[off] != '(')
      note_macro_literal(c, cur, off);
    Fact *f = add_fact(c, FK_EXPR, off, end);
    set_expr_type(f, clang_getCursorType(cur));
    if (kind == CXCursor_StmtExpr)   // its value's type may be declared inside it
      f->type_decl_off = type_decl_of(c, clang_getCursorType(cur));
  }
}

static enum CXChildVisitResult second_child(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  CXCursor *out = data;
  if (clang_Cursor_isNull(out[0])) {
    out[0] = cur;
    return CXChildVisit_Continue;
  }
  out[1] = cur;
  return CXChildVisit_Break;
}

// do { ... } while (0): the body runs exactly once.
static bool condition_is_zero(CXCursor do_stmt) {
  CXCursor kids[2] = {clang_getNullCursor(), clang_getNullCursor()};
  clang_visitChildren(do_stmt, second_child, kids);
  if (clang_Cursor_isNull(kids[1]))
    return false;
  CXEvalResult r = clang_Cursor_Evaluate(kids[1]);
  bool zero = r && clang_EvalResult_getKind(r) == CXEval_Int && clang_EvalResult_getAsInt(r) == 0;
  if (r)
    clang_EvalResult_dispose(r);
  return zero;
}

static void push_ancestor(Ctx *c, CXCursor cur, enum CXCursorKind kind) {
  Ancestor a = {.kind = kind, .child = -1};
  if (c->path.len)
    a.child = c->path.data[c->path.len - 1].next_child++;
  if (kind == CXCursor_BinaryOperator || kind == CXCursor_CompoundAssignOperator)
    a.binary_op = clang_getCursorBinaryOperatorKind(cur);
  if (kind == CXCursor_UnaryOperator)
    a.unary_op = clang_getCursorUnaryOperatorKind(cur);
  if (kind == CXCursor_DoStmt)
    a.runs_once = condition_is_zero(cur);
  a.off = loc_offset(c, clang_getRangeStart(clang_getCursorExtent(cur)));
  vec_push(&c->path, a);
}

static enum CXChildVisitResult find_label_ref(CXCursor cur, CXCursor parent,
                                              CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(cur) != CXCursor_LabelRef)
    return CXChildVisit_Continue;
  *(CXCursor *)data = clang_getCursorReferenced(cur);
  return CXChildVisit_Break;
}

// A jump statement that libclang maps to a token other than its keyword
// comes from a macro's body (a macro's argument maps to where it is
// written).  Recorded with the statement it leaves, unless that statement
// comes from the same expansion (the macro's own do { } while (0)).
static void record_macro_jump(Ctx *c, CXCursor cur, enum CXCursorKind kind) {
  static const char *words[] = {"return", "break", "continue", "goto"};
  MacroJump j = {.off = loc_offset(c, clang_getCursorLocation(cur)), .target = -1};
  j.kind = kind == CXCursor_ReturnStmt ? MJ_RETURN : kind == CXCursor_BreakStmt ? MJ_BREAK
         : kind == CXCursor_ContinueStmt ? MJ_CONTINUE : MJ_GOTO;
  int i = j.off < 0 ? -1 : header_token_at(c->tl, j.off);
  const char *w = words[j.kind];
  if (i < 0 || c->nested_fn ||
      (c->tl->toks[i].len == (int)strlen(w) && !memcmp(c->src->text + j.off, w, strlen(w))))
    return;
  if (j.kind == MJ_BREAK || j.kind == MJ_CONTINUE) {
    for (int k = c->path.len - 2; k >= 0 && j.target < 0; k--) {
      enum CXCursorKind a = c->path.data[k].kind;
      if (a == CXCursor_ForStmt || a == CXCursor_WhileStmt || a == CXCursor_DoStmt ||
          (a == CXCursor_SwitchStmt && j.kind == MJ_BREAK))
        j.target = c->path.data[k].off;
    }
    if (j.target == j.off)
      return;
  } else if (j.kind == MJ_GOTO) {
    CXCursor label = clang_getNullCursor();
    clang_visitChildren(cur, find_label_ref, &label);
    if (!clang_Cursor_isNull(label))
      j.target = loc_offset(c, clang_getCursorLocation(label));
  }
  vec_push(&c->facts->macro_jumps, j);
}

static enum CXChildVisitResult visit_body(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *c = data;
  enum CXCursorKind kind = clang_getCursorKind(cur);
  push_ancestor(c, cur, kind);
  if (kind == CXCursor_ReturnStmt || kind == CXCursor_BreakStmt ||
      kind == CXCursor_ContinueStmt || kind == CXCursor_GotoStmt)
    record_macro_jump(c, cur, kind);
  if (kind == CXCursor_UnaryOperator &&
      clang_getCursorUnaryOperatorKind(cur) == CXUnaryOperator_Deref) {
    int before = c->facts->facts.len;
    c->path.len--;   // the await itself is not its own ancestor
    record_await(c, cur);
    c->path.len++;
    if (c->facts->facts.len > before)
      check_await_operand(c, cur);
    else
      record_cursor(c, cur, kind);
    visit_children(c, cur);
    c->path.len--;
    return CXChildVisit_Continue;
  }
  record_cursor(c, cur, kind);
  // sizeof, _Alignof; _Generic evaluates one association only (C11
  // 6.5.1.1p3), which the lowering cannot tell, so awaits there count as
  // never evaluated too.
  bool unevaluated = kind == CXCursor_UnaryExpr || kind == CXCursor_GenericSelectionExpr;
  bool nested = kind == CXCursor_FunctionDecl;
  c->unevaluated += unevaluated;
  c->nested_fn += nested;
  visit_children(c, cur);
  c->unevaluated -= unevaluated;
  c->nested_fn -= nested;
  c->path.len--;
  return CXChildVisit_Continue;
}

// Every await token in the body must have been met exactly once.
static void check_awaits_seen(Ctx *c, AsyncFn *fn) {
  for (int i = first_token_from(c, fn->body_off);
       i < c->tl->ntoks && c->tl->toks[i].off < fn->body_end; i++) {
    Token *t = &c->tl->toks[i];
    if (t->kind != TK_AWAIT || (t->flags & TF_SKIPPED))
      continue;
    if (c->await_seen[i] < 0)
      continue;
    if (c->await_seen[i] == 0)
      diag_error(t->off, "'await' here is never evaluated (inside sizeof, typeof, "
                         "_Generic or a macro that drops it)");
    else if (c->await_seen[i] > 1)
      diag_error(t->off, "'await' is evaluated %d times: a macro argument that holds "
                         "an await must be used exactly once", c->await_seen[i]);
  }
}

static AsyncFn *async_fn_named(Ctx *c, int name_off) {
  int lo = 0, hi = c->by_name.len - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    AsyncFn *fn = c->by_name.data[mid];
    if (fn->name_off == name_off)
      return fn;
    if (fn->name_off < name_off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return NULL;
}

// Whether an object-like macro expands to type keywords only (bool,
// a `#define u8 unsigned char`), so the grammar must see a type name.
static bool macro_is_type(Ctx *c, CXCursor expansion) {
  static const char *const words[] = {
      "void", "char", "short", "int", "long", "float", "double", "signed",
      "unsigned", "_Bool", "_Complex", "const", "volatile", "__int128", "_Atomic", NULL,
  };
  CXCursor def = clang_getCursorReferenced(expansion);
  if (clang_Cursor_isNull(def))
    return false;
  if (clang_Cursor_isMacroFunctionLike(def)) {
    // ac_future(T), or a function-like macro where a declaration's type
    // begins: the most specific node there is the declaration itself.
    CXString name = clang_getCursorSpelling(expansion);
    bool is_future = !strcmp(clang_getCString(name), "ac_future");
    clang_disposeString(name);
    if (is_future)
      return true;
    enum CXCursorKind k =
        clang_getCursorKind(clang_getCursor(c->tu, clang_getCursorLocation(expansion)));
    return k == CXCursor_VarDecl || k == CXCursor_ParmDecl || k == CXCursor_FieldDecl ||
           k == CXCursor_TypedefDecl;
  }
  // An object-like macro of type words is a type.  One that also has names
  // (`#define MYINT myint`) may be: it is one where libclang reads a type
  // reference at its invocation (see the TypeRef case of visit_body).
  CXToken *toks;
  unsigned n;
  clang_tokenize(c->tu, clang_getCursorExtent(def), &toks, &n);
  bool is_type = n > 1, has_name = false, only_qualifiers = true;
  for (unsigned i = 1; i < n && is_type; i++) {   // toks[0] is the name
    CXString sp = clang_getTokenSpelling(c->tu, toks[i]);
    bool known = false;
    for (int k = 0; words[k] && !known; k++)
      known = !strcmp(clang_getCString(sp), words[k]);
    only_qualifiers &= known && (!strcmp(clang_getCString(sp), "const") ||
                                 !strcmp(clang_getCString(sp), "volatile") ||
                                 !strcmp(clang_getCString(sp), "_Atomic"));
    if (!known && clang_getTokenKind(toks[i]) == CXToken_Identifier)
      known = has_name = true;
    is_type = known;
    clang_disposeString(sp);
  }
  clang_disposeTokens(c->tu, toks, n);
  if (is_type && has_name) {
    vec_push(&c->name_macros, loc_offset(c, clang_getCursorLocation(expansion)));
    return false;
  }
  return is_type && !only_qualifiers;   // qualifiers alone: macro_specifier_kind
}

// Whether a macro expands to attributes or an alignment specifier
// (`#define MAYBE_UNUSED __attribute__((unused))`, systemd's
// `_cleanup_(f)`): the grammar must see an attribute where it is invoked.
// Its replacement begins with such a word and ends with its `)`.
static bool macro_is_attribute(Ctx *c, CXCursor expansion, bool *cleanup) {
  static const char *const words[] = {"__attribute__", "__attribute", "_Alignas", "alignas",
                                      NULL};
  CXCursor def = clang_getCursorReferenced(expansion);
  if (clang_Cursor_isNull(def))
    return false;
  CXToken *toks;
  unsigned n;
  clang_tokenize(c->tu, clang_getCursorExtent(def), &toks, &n);
  unsigned first = 1;   // toks[0] is the name; then a function-like macro's (params)
  if (clang_Cursor_isMacroFunctionLike(def))
    for (int depth = 0; first < n; first++) {
      CXString sp = clang_getTokenSpelling(c->tu, toks[first]);
      const char *t = clang_getCString(sp);
      depth += !strcmp(t, "(") - !strcmp(t, ")");
      clang_disposeString(sp);
      if (!depth) {
        first++;
        break;
      }
    }
  bool is_attr = false;
  if (first + 1 < n) {
    CXString a = clang_getTokenSpelling(c->tu, toks[first]);
    CXString z = clang_getTokenSpelling(c->tu, toks[n - 1]);
    for (int k = 0; words[k] && !is_attr; k++)
      is_attr = !strcmp(clang_getCString(a), words[k]);
    is_attr = is_attr && !strcmp(clang_getCString(z), ")");
    clang_disposeString(a);
    clang_disposeString(z);
  }
  *cleanup = false;
  for (unsigned i = first; is_attr && i < n && !*cleanup; i++) {
    CXString sp = clang_getTokenSpelling(c->tu, toks[i]);
    *cleanup = !strcmp(clang_getCString(sp), "cleanup") ||
               !strcmp(clang_getCString(sp), "__cleanup__");
    clang_disposeString(sp);
  }
  clang_disposeTokens(c->tu, toks, n);
  return is_attr;
}

// Whether tokens [from, n) are one or more `_Pragma ( "..." )`: *loop
// then says whether each is a loop pragma (text_is_loop_pragma).
static bool only_pragmas(Ctx *c, CXToken *toks, unsigned from, unsigned n, bool *loop) {
  *loop = true;
  if (from >= n || (n - from) % 4)
    return false;
  for (unsigned i = from; i < n; i += 4) {
    const char *want[] = {"_Pragma", "(", NULL, ")"};
    for (int k = 0; k < 4; k++) {
      CXString sp = clang_getTokenSpelling(c->tu, toks[i + k]);
      const char *s = clang_getCString(sp);
      size_t len = strlen(s);
      bool ok = want[k] ? !strcmp(s, want[k])
                        : clang_getTokenKind(toks[i + k]) == CXToken_Literal && len >= 2 &&
                              s[0] == '"' && !memchr(s, '\\', len);
      if (ok && !want[k])
        *loop &= text_is_loop_pragma(s + 1, s + len - 1);
      clang_disposeString(sp);
      if (!ok)
        return false;
    }
  }
  return true;
}

// An object-like macro that expands to nothing or only to _Pragma(...)
// operators (3; *pragma: 1, or 2 for loop pragmas), or only to storage
// classes, function specifiers and qualifiers (1: `#define local static`,
// `#define RESTRICT __restrict`), else 0.  The grammar skips the first
// anywhere, as it skips _Pragma, and reads the second where it reads an
// attribute (specifiers, pointer qualifiers); libclang's facts say what
// each declares.
static int macro_specifier_kind(Ctx *c, CXCursor expansion, int *pragma) {
  static const char *const words[] = {
      "static", "extern", "register", "auto", "_Thread_local", "__thread", "inline",
      "__inline", "__inline__", "_Noreturn", "const", "volatile", "restrict", "__restrict",
      "__restrict__", "__const", "__volatile__", "_Atomic", NULL,
  };
  CXCursor def = clang_getCursorReferenced(expansion);
  if (clang_Cursor_isNull(def) || clang_Cursor_isMacroFunctionLike(def))
    return 0;
  CXToken *toks;
  unsigned n;
  clang_tokenize(c->tu, clang_getCursorExtent(def), &toks, &n);
  bool loop;
  *pragma = 0;
  if (only_pragmas(c, toks, 1, n, &loop)) {
    *pragma = 1 + loop;
    clang_disposeTokens(c->tu, toks, n);
    return 3;
  }
  bool only = n >= 1;
  for (unsigned i = 1; i < n && only; i++) {   // toks[0] is the name
    CXString sp = clang_getTokenSpelling(c->tu, toks[i]);
    bool known = false;
    for (int k = 0; words[k] && !known; k++)
      known = !strcmp(clang_getCString(sp), words[k]);
    only = known;
    clang_disposeString(sp);
  }
  clang_disposeTokens(c->tu, toks, n);
  return !only ? 0 : n == 1 ? 3 : 1;
}

static bool in_async_body(Ctx *c, int off) {
  // bodies: pairs [off, end) of the definitions' bodies, merged and sorted.
  int lo = 0, hi = c->bodies.len / 2 - 1;   // the last body starting before off
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (c->bodies.data[2 * mid] < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return hi >= 0 && off < c->bodies.data[2 * hi + 1];
}

static int by_name_off_fn(const void *a, const void *b) {
  const AsyncFn *x = *(AsyncFn *const *)a, *y = *(AsyncFn *const *)b;
  return (x->name_off > y->name_off) - (x->name_off < y->name_off);
}

// Pairs [off, end) by off, the longer first.
static int by_range(const void *a, const void *b) {
  const int *x = a, *y = b;
  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return (x[1] < y[1]) - (x[1] > y[1]);
}

// Sorts the pairs [off, end) of v and writes into out the outermost ones,
// overlapping pairs merged.
static void sort_ranges(IntVec *v, IntVec *out) {
  if (v->len)
    qsort(v->data, v->len / 2, 2 * sizeof(int), by_range);
  out->len = 0;
  for (int i = 0; i + 1 < v->len; i += 2) {
    if (out->len && v->data[i] < out->data[out->len - 1]) {
      if (v->data[i + 1] > out->data[out->len - 1])
        out->data[out->len - 1] = v->data[i + 1];
      continue;
    }
    vec_push(out, v->data[i]);
    vec_push(out, v->data[i + 1]);
  }
}

// The indexes of async_fn_named and in_async_body (the list is final once
// header_drop_skipped has run).
static void index_fns(Ctx *c) {
  IntVec bodies = {0};
  for (AsyncFn *fn = c->facts->fns; fn; fn = fn->next) {
    vec_push(&c->by_name, fn);
    if (fn->body_off >= 0 && fn->body_end >= 0) {
      vec_push(&bodies, fn->body_off);
      vec_push(&bodies, fn->body_end);
    }
  }
  if (c->by_name.len)
    qsort(c->by_name.data, c->by_name.len, sizeof(AsyncFn *), by_name_off_fn);
  sort_ranges(&bodies, &c->bodies);
}

// The arguments of the invocation u (its name at token m) that the macro
// stringifies or pastes, as source ranges in facts->pasted_args: a name
// written there is read as text, so lowering must not rename it.
static void record_pasted_args(Ctx *c, const MacroUse *u, int m) {
  int depth = 0, arg = 0, from = -1;
  for (int i = m + 1; i < c->tl->ntoks && c->tl->toks[i].off < u->end; i++) {
    Token *t = &c->tl->toks[i];
    bool open = scan_token_is(c->src, t, "(") || scan_token_is(c->src, t, "[") ||
                scan_token_is(c->src, t, "{");
    bool close = scan_token_is(c->src, t, ")") || scan_token_is(c->src, t, "]") ||
                 scan_token_is(c->src, t, "}");
    bool comma = depth == 1 && scan_token_is(c->src, t, ",");
    if ((comma || (close && depth == 1)) && from >= 0) {
      int p = arg < u->nparams ? arg : u->nparams - 1;
      if (p >= 0 && p < 64 && (u->pasted >> p & 1)) {
        vec_push(&c->facts->pasted_args, from);
        vec_push(&c->facts->pasted_args, t->off);
      }
    }
    if (comma)
      arg++;
    if (comma || (open && depth == 0))
      from = t->off + t->len;
    depth += open - close;
    if (depth == 0 && close)
      break;
  }
}

bool facts_in_pasted_arg(const Facts *facts, int off) {
  const IntVec *r = &facts->pasted_args;   // merged and sorted by facts_collect
  int hi = range_at_or_before(r, off);
  return hi >= 0 && off < r->data[2 * hi + 1];
}

static int by_int(const void *a, const void *b) {
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

// First pass over the file: the macro invocations in async bodies (the
// translation unit lists them after the function that holds them).
static enum CXChildVisitResult visit_macros(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *c = data;
  if (clang_getCursorKind(cur) != CXCursor_MacroExpansion)
    return CXChildVisit_Continue;
  int off, end;
  if (!cursor_range(c, cur, &off, &end) || !in_async_body(c, off))
    return CXChildVisit_Continue;
  int i = header_token_at(c->tl, off);
  if (i >= 0)
    c->tl->toks[i].flags |= TF_MACRO;
  vec_push(&c->macros, off);
  vec_push(&c->macros, end);
  bool cleanup;
  if (macro_is_type(c, cur))
    add_fact(c, FK_TYPEREF, off, end)->name_off = off;
  else if (macro_is_attribute(c, cur, &cleanup)) {
    vec_push(&c->facts->attr_macros,
             2 * off + clang_Cursor_isMacroFunctionLike(clang_getCursorReferenced(cur)));
    if (cleanup)
      vec_push(&c->facts->cleanup_macros, off);
  } else {
    int pragma, k = macro_specifier_kind(c, cur, &pragma);
    if (k == 3)
      vec_push(&c->facts->empty_macros, off);
    if (pragma)
      vec_push(&c->facts->pragma_macros, 2 * off + (pragma == 2));
    else if (k == 1)
      vec_push(&c->facts->attr_macros, 2 * off);
  }
  int nparams;
  uint64_t mask = macro_pasted_params(c, cur, &nparams);
  if (mask) {
    MacroUse u = {off, end, mask, nparams};
    vec_push(&c->pasting, u);
    if (i >= 0)
      record_pasted_args(c, &u, i);
  }
  return CXChildVisit_Continue;
}

// A type whose values C cannot assign: a struct or union with a const
// member, directly or in a member struct (arrays of them too).
static bool has_const_member(CXType t);

static enum CXVisitorResult const_field(CXCursor field, CXClientData data) {
  CXType t = clang_getCanonicalType(clang_getCursorType(field));
  while (t.kind == CXType_ConstantArray || t.kind == CXType_IncompleteArray)
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  if (clang_isConstQualifiedType(t) || has_const_member(t)) {
    *(bool *)data = true;
    return CXVisit_Break;
  }
  return CXVisit_Continue;
}

static bool has_const_member(CXType t) {
  return visit_record_fields(t, const_field);
}

static enum CXChildVisitResult visit_top(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *c = data;
  if (clang_getCursorKind(cur) != CXCursor_FunctionDecl || !clang_isCursorDefinition(cur))
    return CXChildVisit_Continue;
  int name_off = loc_offset(c, clang_getCursorLocation(cur));
  AsyncFn *fn = name_off < 0 ? NULL : async_fn_named(c, name_off);
  if (!fn)
    return CXChildVisit_Continue;
  fn->result_type = type_spelling(clang_getCursorResultType(cur));
  fn->result_is_void = clang_getCursorResultType(cur).kind == CXType_Void;
  // The result travels by assignment (the frame's result, the promise,
  // the awaiter's temporary), which C forbids for such a type.
  if (has_const_member(clang_getCursorResultType(cur)))
    diag_error(fn->type_off, "the result type of async function '%.*s', '%s', has a const "
               "member: asyncc passes the result on by assignment, which C forbids for such a "
               "type; return a type without const members (or a pointer)",
               c->tl->toks[header_token_at(c->tl, fn->name_off)].len,
               c->src->text + fn->name_off, fn->result_type);
  Size rs = real_size(clang_getCursorResultType(cur));
  fn->result_size = rs.size;
  fn->result_align = rs.align;
  c->fn = fn;
  push_ancestor(c, cur, CXCursor_FunctionDecl);
  visit_children(c, cur);
  c->path.len--;
  check_awaits_seen(c, fn);
  return CXChildVisit_Continue;
}

// --- dropped futures -------------------------------------------------------
//
// A future used as a statement (`fetch(fd);`, also cast to void) is never
// consumed: its task, if it suspends, is never freed, and the caller
// usually meant `await fetch(fd);` (C#'s CS4014, Rust's #[must_use]).

static void warn_if_dropped(Ctx *c, CXCursor stmt) {
  CXCursor e = stmt;
  if (clang_getCursorKind(e) == CXCursor_CStyleCastExpr &&
      clang_getCursorType(e).kind == CXType_Void)
    clang_visitChildren(e, first_child, &e);
  while (clang_getCursorKind(e) == CXCursor_ParenExpr ||
         clang_getCursorKind(e) == CXCursor_UnexposedExpr)
    clang_visitChildren(e, first_child, &e);
  // Only calls: `f[0] = sleeper(60);` is a future-typed expression too.
  if (clang_getCursorKind(e) != CXCursor_CallExpr ||
      !is_future_type(clang_getCanonicalType(clang_getCursorType(e))))
    return;
  int off = loc_offset(c, clang_getCursorLocation(stmt));
  if (off < 0)
    return;
  char *what = "this future";
  CXString name = clang_getCursorSpelling(e);
  const char *callee = clang_getCString(name);
  if (*callee && strncmp(callee, "ac__", 4))   // not a runtime macro's helper
    what = arena_printf("the future of '%s'", callee);
  clang_disposeString(name);
  diag_warn("unused-future", off, "%s is dropped: await it, pass it to ac_wait or "
            "ac_detach (fire and forget), or keep it", what);
}

static enum CXChildVisitResult visit_statements(CXCursor cur, CXCursor parent,
                                                CXClientData data);

static enum CXChildVisitResult collect_child(CXCursor cur, CXCursor parent,
                                             CXClientData data) {
  (void)parent;
  VEC(CXCursor) *kids = data;
  vec_push(kids, cur);
  return CXChildVisit_Continue;
}

// A statement expression's last statement is its value: not dropped.
static void visit_stmt_expr(Ctx *c, CXCursor stmt_expr) {
  CXCursor body = clang_getNullCursor();
  clang_visitChildren(stmt_expr, first_child, &body);
  VEC(CXCursor) kids = {0};
  clang_visitChildren(body, collect_child, &kids);
  for (int i = 0; i < kids.len; i++) {
    if (i + 1 < kids.len && clang_isExpression(clang_getCursorKind(kids.data[i])))
      warn_if_dropped(c, kids.data[i]);
    if (clang_getCursorKind(kids.data[i]) == CXCursor_StmtExpr)
      visit_stmt_expr(c, kids.data[i]);
    else
      clang_visitChildren(kids.data[i], visit_statements, c);
  }
}

static enum CXChildVisitResult visit_statements(CXCursor cur, CXCursor parent,
                                                CXClientData data) {
  enum CXCursorKind pk = clang_getCursorKind(parent);
  if (pk == CXCursor_CompoundStmt && clang_isExpression(clang_getCursorKind(cur)))
    warn_if_dropped(data, cur);
  if (clang_getCursorKind(cur) == CXCursor_StmtExpr) {
    visit_stmt_expr(data, cur);
    return CXChildVisit_Continue;
  }
  return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_dropped(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *c = data;
  if (clang_getCursorKind(cur) == CXCursor_FunctionDecl && clang_isCursorDefinition(cur) &&
      loc_offset(c, clang_getCursorLocation(cur)) >= 0)
    clang_visitChildren(cur, visit_statements, c);
  return CXChildVisit_Continue;
}

// Awaits outside every async body (plain functions, file scope).
static void check_stray_awaits(Ctx *c) {
  for (int i = 0; i < c->tl->ntoks; i++) {
    Token *t = &c->tl->toks[i];
    if (t->kind != TK_AWAIT || (t->flags & TF_SKIPPED))
      continue;
    if (!in_async_body(c, t->off))
      diag_error(t->off, "'await' outside an async function");
  }
  for (int i = 0; i < c->tl->dir_words.len; i++) {
    int off = c->tl->dir_words.data[i];
    if (!facts_is_skipped(c->facts, off))
      diag_error(off, "'%.5s' inside a preprocessor directive: write it where the "
                      "macro is used", c->src->text + off);
  }
}

static int compare_facts(const void *a, const void *b) {
  const Fact *x = a, *y = b;
  if (x->off != y->off)
    return x->off < y->off ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;   // outer first
  return (x->seq > y->seq) - (x->seq < y->seq);   // then as visited: outer first
}

int facts_lower_bound(const Facts *facts, int off) {
  int lo = 0, hi = facts->facts.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (facts->facts.data[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

static const Facts *var_index_facts;   // for the comparison below

static int by_name_off(const void *a, const void *b) {
  const Fact *x = &var_index_facts->facts.data[*(const int *)a];
  const Fact *y = &var_index_facts->facts.data[*(const int *)b];
  return (x->name_off > y->name_off) - (x->name_off < y->name_off);
}

const Fact *facts_var_at(Facts *facts, int name_off) {
  if (!facts->var_index.data) {   // the first call: index the FK_VAR facts
    for (int i = 0; i < facts->facts.len; i++)
      if (facts->facts.data[i].kind == FK_VAR)
        vec_push(&facts->var_index, i);
    if (!facts->var_index.data)
      vec_push(&facts->var_index, -1);   // none: a sentinel, so not again
    else {
      var_index_facts = facts;
      qsort(facts->var_index.data, facts->var_index.len, sizeof(int), by_name_off);
    }
  }
  int lo = 0, hi = facts->var_index.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2, i = facts->var_index.data[mid];
    if (i >= 0 && facts->facts.data[i].name_off < name_off)
      lo = mid + 1;
    else
      hi = mid;
  }
  int i = lo < facts->var_index.len ? facts->var_index.data[lo] : -1;
  return i >= 0 && facts->facts.data[i].name_off == name_off ? &facts->facts.data[i] : NULL;
}

const Fact *facts_find(const Facts *facts, FactKind kind, int off, int end) {
  int lo = 0, hi = facts->facts.len;
  while (lo < hi) {   // first fact with f.off >= off
    int mid = (lo + hi) / 2;
    if (facts->facts.data[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  // Of several facts with one range (an implicit conversion around an
  // expression), the innermost: the expression as written.
  const Fact *found = NULL;
  for (int i = lo; i < facts->facts.len && facts->facts.data[i].off == off; i++) {
    const Fact *f = &facts->facts.data[i];
    if (f->kind == kind && (end < 0 || f->end == end))
      found = f;
  }
  return found;
}

// --- the parse ----------------------------------------------------------------

static CXTranslationUnit parse_view(Source *src, View *view, ClangArgs *args,
                                    CXIndex index) {
  const char *argv[64 + args->argc];
  int argc = 0;
  argv[argc++] = "-xc";
  bool has_std = false;
  for (int i = 0; i < args->argc; i++)
    has_std |= !strncmp(args->argv[i], "-std=", 5);
  if (!has_std)
    argv[argc++] = "-std=gnu11";
  argv[argc++] = "-include";
  argv[argc++] = "/" VIEW_PRELUDE_NAME;
  argv[argc++] = "-ferror-limit=50";
  argv[argc++] = "-Werror=incompatible-pointer-types";
  argv[argc++] = "-Wno-void-ptr-dereference";
  for (int i = 0; i < args->argc; i++)
    argv[argc++] = args->argv[i];
  struct CXUnsavedFile files[] = {
      {.Filename = src->path, .Contents = view->text, .Length = view->len},
      {.Filename = "/" VIEW_PRELUDE_NAME, .Contents = view_prelude,
       .Length = strlen(view_prelude)},
  };
  CXTranslationUnit tu = NULL;
  unsigned opts = CXTranslationUnit_DetailedPreprocessingRecord | CXTranslationUnit_KeepGoing;
  enum CXErrorCode err = clang_parseTranslationUnit2(index, src->path, argv, argc, files,
                                                     2, opts, &tu);
  // libclang runs the parse under crash recovery: a crash inside it comes
  // back as CXError_Crashed, reported here instead of killing the tool.
  if (err == CXError_Crashed)
    diag_die("libclang crashed while parsing %s: please report this input", src->path);
  if (err != CXError_Success || !tu)
    diag_die("libclang could not parse %s (error %d)", src->path, (int)err);
  return tu;
}

struct Clang {
  Ctx ctx;
  CXIndex index;
};

Clang *facts_parse(Source *src, TokenList *tl, View *view, ClangArgs *args, Facts *facts) {
  Clang *cl = arena_alloc(sizeof *cl);
  Ctx *c = &cl->ctx;
  *c = (Ctx){.src = src, .tl = tl, .view = view, .facts = facts};
  facts->tokens = tl;
  // A second parse (main, after hollow_keep_users) starts these again.
  facts->includes.len = facts->include_system.len = facts->skipped.len = 0;
  facts->futures.len = 0;
  cl->index = clang_createIndex(0, 0);
  c->tu = parse_view(src, view, args, cl->index);
  c->main_file = clang_getFile(c->tu, src->path);
  c->await_seen = arena_alloc(sizeof(int) * tl->ntoks);
  c->await_cursor = arena_alloc(sizeof(CXCursor) * tl->ntoks);
  clang_getInclusions(c->tu, note_include, c);
  collect_skipped(c);
  return cl;
}

// --- future types declared in the translation unit ----------------------------
//
// AC_FUTURE_DECLARE(NAME, T) is `typedef ac_future(T) ac_future_NAME;` in
// the view, in <asyncc.h> (int, long, ...) and in the user's headers.  The
// back end names the future of a type by these first, so that a header's
// `ac_future(point) locate(int);` and the definition `async struct point
// locate(int id) { ... }` agree on one type.

static void add_future_decl(Ctx *c, CXCursor cur) {
  CXString name = clang_getCursorSpelling(cur);
  const char *n = clang_getCString(name);
  bool is_future = !strncmp(n, "ac_future_", 10) && !strchr(n, ' ');
  char *copy = is_future ? arena_strndup(n, strlen(n)) : NULL;
  clang_disposeString(name);
  if (!is_future)
    return;
  CXType t = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(cur));
  if (t.kind != CXType_Pointer || clang_getAddressSpace(clang_getPointeeType(t)) == 0)
    return;   // a plain C declaration (a header seen outside the view)
  CXType value = clang_getPointeeType(t);
  // The typedef's own type is spelled ac_future(T) with T as written.
  char *written = type_spelling(clang_getTypedefDeclUnderlyingType(cur));
  if (!strncmp(written, "ac_future(", 10) && written[strlen(written) - 1] == ')')
    written = arena_strndup(written + 10, strlen(written) - 11);
  FutureDecl d = {.name = copy, .written = written,
                  .canonical = type_spelling(clang_getCanonicalType(value))};
  vec_push(&c->facts->futures, d);
}


const FutureDecl *facts_future_of(const Facts *facts, const char *type) {
  for (int i = 0; i < facts->futures.len; i++)
    if (!strcmp(facts->futures.data[i].written, type))
      return &facts->futures.data[i];
  for (int i = 0; i < facts->futures.len; i++)
    if (!strcmp(facts->futures.data[i].canonical, type))
      return &facts->futures.data[i];
  return NULL;
}

// --- names that may give a future (hollow.c) ---------------------------------

// Whether t, through arrays and one pointer, is a function returning a
// future.
static bool returns_future(CXType t) {
  t = clang_getCanonicalType(t);
  while (is_array_type(t))
    t = clang_getCanonicalType(clang_getArrayElementType(t));
  if (t.kind == CXType_Pointer)
    t = clang_getCanonicalType(clang_getPointeeType(t));
  return (t.kind == CXType_FunctionProto || t.kind == CXType_FunctionNoProto) &&
         is_future_type(clang_getCanonicalType(clang_getResultType(t)));
}

static void add_name(TextSet *names, CXCursor cur) {
  CXString name = clang_getCursorSpelling(cur);
  const char *n = clang_getCString(name);
  if (*n)
    text_set_add(names, arena_strndup(n, strlen(n)), strlen(n));
  clang_disposeString(name);
}

// A macro named NAME_N (digits after the last underscore), the form of a
// renamed local's frame field: the names of facts->field_macros.  (Only
// those are kept: a file's headers define thousands of macros.)
static void add_field_macro(Ctx *c, CXCursor def) {
  CXString name = clang_getCursorSpelling(def);
  const char *n = clang_getCString(name);
  size_t len = strlen(n), digits = 0;
  while (digits < len && isdigit((unsigned char)n[len - 1 - digits]))
    digits++;
  if (digits && digits < len && n[len - 1 - digits] == '_')
    text_set_add(&c->facts->field_macros, arena_strndup(n, len), len);
  clang_disposeString(name);
}

// One visit of the translation unit's top level (each visit of it costs
// milliseconds on a large file: its preprocessing record lists every macro
// definition and expansion): the macro expansions and function definitions
// for facts_collect, the macros named like frame fields, the declared
// futures and the names of future-returning declarations.
static enum CXChildVisitResult gather_top(CXCursor cur, CXCursor parent, CXClientData data) {
  (void)parent;
  Ctx *c = data;
  switch (clang_getCursorKind(cur)) {
  case CXCursor_MacroExpansion:
    vec_push(&c->expansions, cur);
    return CXChildVisit_Continue;
  case CXCursor_MacroDefinition:
    add_field_macro(c, cur);
    if (clang_Cursor_isMacroFunctionLike(cur))
      vec_push(&c->macro_defs, cur);
    return CXChildVisit_Continue;
  case CXCursor_FunctionDecl:
    if (clang_isCursorDefinition(cur))
      vec_push(&c->definitions, cur);
    if (is_future_type(clang_getCanonicalType(clang_getCursorResultType(cur))))
      add_name(&c->future_names, cur);
    return CXChildVisit_Continue;
  case CXCursor_TypedefDecl:
    add_future_decl(c, cur);
    // fall through
  case CXCursor_VarDecl:
  case CXCursor_FieldDecl:
    if (returns_future(clang_getCursorType(cur)))
      add_name(&c->future_names, cur);
    return CXChildVisit_Continue;
  case CXCursor_StructDecl:
  case CXCursor_UnionDecl:
    return CXChildVisit_Recurse;   // its fields
  default:
    return CXChildVisit_Continue;
  }
}

static void gather(Ctx *c) {
  if (c->gathered)
    return;
  c->gathered = true;
  c->facts->field_macros = (TextSet){0};   // this parse's (the file may be parsed twice)
  clang_visitChildren(clang_getTranslationUnitCursor(c->tu), gather_top, c);
}

TextSet facts_future_names(Clang *cl) {
  gather(&cl->ctx);
  return cl->ctx.future_names;
}

void facts_collect(Clang *cl) {
  Ctx *c = &cl->ctx;
  if (!c->facts->includes_asyncc_h) {
    // Without the header every ac_future is unknown: say only that.
    for (int i = 0; i < c->tl->ntoks; i++) {
      Token *t = &c->tl->toks[i];
      if ((t->kind == TK_ASYNC || t->kind == TK_AWAIT) && !(t->flags & TF_SKIPPED)) {
        diag_error(t->off, "a file using '%.5s' must #include <asyncc.h>",
                   c->src->text + t->off);
        return;
      }
    }
    return;
  }
  index_fns(c);
  // Stray awaits first: libclang would only say that `*f()` is not a
  // constant in a global initializer.
  check_stray_awaits(c);
  if (diag_error_count())
    return;
  report_clang_diags(c);
  if (diag_error_count())
    return;
  gather(c);
  for (int i = 0; i < c->expansions.len; i++)
    visit_macros(c->expansions.data[i], c->expansions.data[i], c);
  sort_ranges(&c->macros, &c->outer_macros);
  if (c->name_macros.len)
    qsort(c->name_macros.data, c->name_macros.len, sizeof(int), by_int);
  if (c->facts->attr_macros.len)
    qsort(c->facts->attr_macros.data, c->facts->attr_macros.len, sizeof(int), by_int);
  if (c->facts->empty_macros.len)
    qsort(c->facts->empty_macros.data, c->facts->empty_macros.len, sizeof(int), by_int);
  if (c->facts->pragma_macros.len)
    qsort(c->facts->pragma_macros.data, c->facts->pragma_macros.len, sizeof(int), by_int);
  IntVec pasted = {0};
  sort_ranges(&c->facts->pasted_args, &pasted);
  c->facts->pasted_args = pasted;
  for (int i = 0; i < c->definitions.len; i++)
    visit_top(c->definitions.data[i], c->definitions.data[i], c);
  refuse_macro_locals(c);
  if (c->facts->member_decls.len)
    qsort(c->facts->member_decls.data, c->facts->member_decls.len, sizeof(int), by_int);
  for (int i = 0; i < c->definitions.len; i++)
    visit_dropped(c->definitions.data[i], c->definitions.data[i], c);
  if (c->facts->facts.len)   // qsort(NULL, 0) is undefined
    qsort(c->facts->facts.data, c->facts->facts.len, sizeof(Fact), compare_facts);
}

void facts_close(Clang *cl) {
  clang_disposeTranslationUnit(cl->ctx.tu);
  clang_disposeIndex(cl->index);
}

void facts_print_clang_version(void) {
  CXString v = clang_getClangVersion();
  printf("%s)\n", clang_getCString(v));
  clang_disposeString(v);
}
