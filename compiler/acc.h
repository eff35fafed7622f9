// acc.h: the one internal header of the asyncc compiler.
//
// The compiler is a pipeline; each stage is one file and owns one section
// below.  Data flows top to bottom:
//
//   Source      the dialect file's bytes, never modified     (main.c)
//   Token[]     flex tokens with byte offsets                (grammar/scan.l)
//   View        the text handed to libclang + offset map     (view.c)
//   Facts       what libclang knows: async functions, types,
//               references, skipped #if ranges, diagnostics  (facts.c)
//   Node trees  each async body as written, from bison       (grammar/parse.y)
//               joined to Facts by exact byte range          (join.c)
//   Output      an edit list over Source, written last       (emit.c, main.c)
//
// Offsets are byte offsets into Source.text unless a name says otherwise.
// Memory comes from one arena that lives until exit (arena_*).

#ifndef ACC_H
#define ACC_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdnoreturn.h>

typedef struct Source Source;
typedef struct Token Token;
typedef struct Node Node;
typedef struct Facts Facts;
typedef struct AsyncFn AsyncFn;
typedef struct Analysis Analysis;
typedef struct EditList EditList;

//
// arena.c
//

void *arena_alloc(size_t size);     // zeroed; never NULL (dies on OOM)
char *arena_strndup(const char *s, size_t n);
char *arena_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *arena_vprintf(const char *fmt, va_list ap);

// A growable array of pointers or plain values, arena-backed.
#define VEC(T) struct { T *data; int len, cap; }
#define vec_push(v, x)                                                        \
  do {                                                                        \
    if ((v)->len == (v)->cap) {                                               \
      (v)->cap = (v)->cap ? (v)->cap * 2 : 16;                                \
      (v)->data = arena_grow((v)->data, (v)->len * sizeof *(v)->data,         \
                             (v)->cap * sizeof *(v)->data);                   \
    }                                                                         \
    (v)->data[(v)->len++] = (x);                                              \
  } while (0)
void *arena_grow(void *old, size_t old_size, size_t new_size);
typedef VEC(int) IntVec;

// A set of names, by text and length (text.c); the texts are not copied.
typedef struct {
  const char **text;
  int *len;
  int cap, count;       // cap: 0 or a power of two
  uint64_t bloom;       // a bit per (length, first byte) hash of the names
} TextSet;

//
// diag.c
//

// The input file.  text is NUL-terminated (text[len] == 0) for the scanner;
// a NUL inside the file is an error the scanner reports, except in comments
// and literals (lower.c writes those as a space or \000).
struct Source {
  const char *path;     // as given on the command line
  char *text;
  int len;
  int *line_starts;     // offset of the first byte of each line
  int nlines;
};

Source *source_read(const char *path);
// A Source over a copy of text (tests and the view use it).
Source *source_from_string(const char *path, const char *text, int len);
// The same without a copy: text is malloc'd with room for len + 1 bytes
// and is the Source's from now on (text[len] becomes 0).
Source *source_take(const char *path, char *text, int len);
void source_pos(const Source *src, int off, int *line, int *col);
// "\n#line N \"path\"\n", the path escaped as a C string.
char *source_line_directive(const Source *src, int line);

// Diagnostics print "path:line:col: error: msg", the source line and a
// caret.  diag_error counts; diag_fatal exits with status 1 at once.  Exit
// happens before any output is written, so an old output file survives.
void diag_init(Source *src);
void diag_error(int off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_warning(int off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void diag_note(int off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
noreturn void diag_fatal(int off, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int diag_error_count(void);
// Counts an error its caller printed itself (one inside a header).
void diag_error_printed(void);
void diag_no_warnings(void);   // -w
// A warning with a name, as the compilers': "warning: msg [-WNAME]", off
// with -Wno-NAME or -w, an error with -Werror or -Werror=NAME.
// diag_warning's are unnamed: only -w and -Werror reach them.
void diag_warn(const char *name, int off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
// Takes -w, -Werror[=NAME], -Wno-error[=NAME], -Wno-NAME, -WNAME; false
// for anything else.  Unknown names are the C compiler's: ignored.
bool diag_warning_option(const char *arg);
void diag_exit_if_errors(void);
// A message with no position: "asyncc: error: msg".
noreturn void diag_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
// An internal bug: "asyncc: internal error at file.c:NN: msg", exit 2.
noreturn void diag_internal(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
#define unreachable() diag_internal(__FILE__, __LINE__, "unreachable")

//
// grammar/scan.l
//

typedef enum {
  TK_IDENT,       // identifier that is not a keyword
  TK_KEYWORD,     // a C keyword or GNU spelling (__attribute__, typeof, ...)
  TK_ASYNC,       // the dialect keyword `async`
  TK_AWAIT,       // the dialect keyword `await`
  TK_PUNCT,       // operator or punctuator, longest match
  TK_NUM,         // preprocessing number
  TK_STR,         // string literal, with any encoding prefix
  TK_CHAR,        // character constant, with any encoding prefix
  TK_HASH_LINE,   // a whole preprocessing directive (#... to end of line)
  TK_EOF,
} TokenKind;

// A token never spans a NUL, and off+len <= Source.len.  Comments and white
// space are not tokens; they stay in Source.text and are copied as they are.
struct Token {
  TokenKind kind;
  int off, len;
  unsigned flags;   // TF_* below
};

enum {
  TF_SKIPPED = 1u << 0,  // inside an #if group the preprocessor skips (facts)
  TF_MACRO = 1u << 1,    // the name of a macro invocation (facts)
};

// Lexical problems are kept, not printed: text inside a skipped #if group
// may be anything, so main reports only those whose anchor lies outside
// skipped groups (always_report: an unterminated comment, which no #if can
// hide).  The anchor is the problem's own offset, or for a malformed async
// header the `async` that began it (header.c).
typedef struct {
  int off;
  int anchor;
  const char *msg;
  bool always_report;
} ScanProblem;

typedef struct {
  Token *toks;          // ends with a TK_EOF token
  int ntoks;
  int ndialect;         // how many TK_ASYNC and TK_AWAIT tokens
  VEC(ScanProblem) problems;
  VEC(int) dir_words;   // offsets of `async`/`await` inside directives
} TokenList;

// Tokenizes the whole file.  Bytes that cannot start a C token outside a
// comment, string or directive are errors (so binary files are rejected);
// an unterminated comment is reported at its start.  Directives are single
// TK_HASH_LINE tokens, except that `async`/`await` inside one are reported
// (a macro that hides an await cannot be lowered).
TokenList scan_file(Source *src);
// Whether token t is spelled s; inline, so that for a literal s the length
// is a constant and the comparison a few instructions (it runs per token).
static inline bool scan_token_is(const Source *src, const Token *t, const char *s) {
  size_t n = __builtin_strlen(s);
  return (size_t)t->len == n && !__builtin_memcmp(src->text + t->off, s, n);
}
// Whether token t is __func__, or GCC's __FUNCTION__ or
// __PRETTY_FUNCTION__, each of which names the enclosing function in C:
// its index in that order (view.c renames each), or -1.
static inline int scan_func_name(const Source *src, const Token *t) {
  static const char *const names[] = {"__func__", "__FUNCTION__", "__PRETTY_FUNCTION__"};
  for (int k = 0; t->kind == TK_IDENT && k < 3; k++)
    if (scan_token_is(src, t, names[k]))
      return k;
  return -1;
}

//
// header.c
//

// Finds async function headers from the tokens alone (name, result type,
// parameters, body braces) and reports a misplaced `async`.  Runs before
// libclang, which needs the headers to build the view.
void header_find_async(Source *src, TokenList *tl, Facts *facts);
// The index of the token at offset off (binary search), or -1.
int header_token_at(const TokenList *tl, int off);
// The index of the `}` closing the `{` at token i, not counting tokens of
// skipped #if groups, or -1.
int header_close_brace(const Source *src, const TokenList *tl, int i);
// Once libclang has told which #if groups are skipped: drops the functions
// whose `async` lies in one, and finds each body's end again without the
// braces of skipped text.
void header_drop_skipped(Source *src, TokenList *tl, Facts *facts);
// What a directive token is to #if nesting: #if/#ifdef/#ifndef (DIR_IF0:
// a literal `#if 0`), #else/#elif/#elifdef/#elifndef, #endif, or other.
typedef enum { DIR_OTHER, DIR_IF, DIR_IF0, DIR_ELSE, DIR_ENDIF } DirKind;
DirKind header_directive_kind(const Source *src, const Token *t);
// The directives inside an async function's header (`#else ... #endif` of a
// header written twice), which its lowered text replaces, kept after it.
void header_keep_directives(Source *src, TokenList *tl, AsyncFn *fn, EditList *edits);

//
// hollow.c
//

// A plain function's body, by the token indexes of its braces: hollowed
// in the view unless kept (hollow.c says which are kept and why).
typedef struct {
  int decl;             // the first token of the function's declaration
  int open, close;
  bool kept;
} PlainBody;

typedef struct {
  VEC(PlainBody) bodies;   // in file order
  int nhollow;             // how many are not kept
  TextSet names;           // the names that keep a body: async functions,
                           // this file's macros using them or ac_ names
} PlainBodies;

// The plain function bodies of the file (tokens only; async headers
// found), each kept if it or its function's header names an async
// function, an ac_/AC_ name or a macro of this file using one.
PlainBodies hollow_find(Source *src, TokenList *tl, Facts *facts);
// Keeps the hollowed bodies that (or whose function's header) use one of
// names (libclang's names of declarations whose type holds a future);
// whether any was.
bool hollow_keep_users(Source *src, TokenList *tl, PlainBodies *pb, const TextSet *names);

//
// view.c
//

// The text given to libclang: a prelude, then the file with each `await`
// renamed to a same-length macro for unary `*`, each `async` blanked, and
// before each async function a prototype returning ac_future(T) while its
// body is renamed NAME__acbody (DESIGN.md §1, docs/front-end.md); in an
// async body, __func__ is renamed to a same-length name declared after the
// body's `{` as NAME.  Insertions happen only at async function headers
// and bodies' `{`; view_to_source maps a view offset back through them.
typedef struct {
  int view_off;         // where inserted text starts in the view
  int src_off;          // the source offset it is inserted before
  int len;              // inserted length
  int shift;            // total inserted length up to and including this one
} Insertion;

typedef struct {
  char *text;
  int len;
  VEC(Insertion) ins;   // sorted by view_off
} View;

// The prelude, given to libclang as an unsaved header with -include.
extern const char view_prelude[];
#define VIEW_PRELUDE_NAME "asyncc-view-prelude.h"
// What `await` becomes in the view: a macro for unary `*`, same length.
#define VIEW_AWAIT "_AcAw"
#define VIEW_BODY_SUFFIX "__acbody"

// plain: the plain bodies to hollow (those not kept), or NULL for none.
View *view_build(Source *src, TokenList *tl, Facts *facts, const PlainBodies *plain);
// -1 if the offset lies in the prelude or inside inserted text.
int view_to_source(const View *v, int view_off);
// For an offset inside inserted text, the source offset it was inserted
// before (an async function's prototype: its `async`); else -1.
int view_inserted_before(const View *v, int view_off);

//
// facts.c (the only file that includes clang-c/Index.h)
//

// One async function, definition or prototype, in the main file.
struct AsyncFn {
  AsyncFn *next;
  char *name;
  int decl_off;         // the declaration's first token (a storage class or `async`)
  int async_off;        // the `async` token
  int name_off;         // the declarator's identifier
  int params_off;       // the `(` of the parameter list
  int params_end;       // one past its `)`
  int type_off;         // first token of the result type after `async`
  int type_end;         // one past the last token of the result type
  int body_off;         // `{` of the body, or -1 for a prototype
  int body_end;         // one past `}`, or -1
  bool is_static;
  char *attrs;          // __attribute__((...)) written in the header, for the ramp
  char *result_type;    // spelling of T as libclang prints it
  bool result_is_void;
  long result_size, result_align;
  Node *body;           // from parse_body, for definitions
  Analysis *an;         // from an_check
  bool embeddable;      // a later function of the file awaits a direct call
                        // to it and embeds its frame (lower_plan_embedding)
  long frame_size, frame_align;  // of its frame, once lowered
  int main_params;      // async main: how many parameters (entry.c)
};

// One expression, declaration or reference inside an async body, as
// libclang saw it.  Ranges are source offsets [off, end).
typedef enum {
  FK_EXPR,              // any expression; type is its type
  FK_AWAIT,             // an await; type is the result type U
  FK_DECLREF,           // a name use; ref_off is the referenced decl's name
  FK_VAR,               // a local variable or parameter declaration
  FK_TYPEREF,           // a typedef name used as a type, or an object-like
                        // macro that expands to type keywords (bool)
} FactKind;

typedef struct {
  FactKind kind;
  int off, end;
  int seq;              // the order libclang's visit met it (parents first)
  int name_off;         // FK_VAR, FK_DECLREF: offset of the identifier
  int ref_off;          // FK_DECLREF: name offset of the declaration, or -1
  char *type;           // spelling of the type (FK_EXPR, FK_AWAIT, FK_VAR)
  char *ctype;          // FK_VAR: the type without top-level qualifiers;
                        // FK_AWAIT, FK_EXPR: canonical (typedefs and the
                        // view's typeof resolved): what temporaries are declared as
  long size, align;     // FK_VAR, FK_AWAIT, FK_EXPR: of the type (< 0: none)
  bool local_type;      // FK_VAR: the type is declared inside the function
  bool has_flexible;    // FK_VAR: a struct whose last member is a flexible array
                        // or has no name, so the frame cannot spell it
  bool is_static;       // FK_VAR: static storage (not a Var: stays where declared)
  bool is_extern;       // FK_VAR: a block-scope extern declaration
  bool is_vla;          // FK_VAR: variably modified type
  bool vm_param;        // FK_VAR: a parameter whose type, adjusted, is still
                        // variably modified (int m[n][n], int (*p)[n])
  bool is_array;        // FK_VAR: an array (not an array parameter);
                        // FK_EXPR, FK_AWAIT, FK_DECLREF: of array type
  bool addr_of;         // FK_DECLREF: the operand of & (through parentheses)
  bool modifies;        // FK_DECLREF: assigned (=, op=) or incremented: so
                        // the tree cannot miss either inside a macro's body
  // FK_VAR, from libclang's cursors and types, never from the text:
  bool is_register;     // register storage class (no &x)
  bool is_atomic;       // _Atomic type (no braced initializer in clang)
  bool is_const;        // const-qualified type (arrays: their elements)
  bool init_is_list;    // initialised by a brace list, maybe a macro's (LIST_HEAD_INIT(h))
  bool is_plain_scalar; // an unqualified integer type but _Bool, or a pointer
                        // (canonically): a load of any bytes is valid and
                        // exact, so it may be copied by assignment (AC__SAVEV)
  bool has_cleanup;     // __attribute__((cleanup(f)))
  int cleanup_off, cleanup_end;  // ... the attribute `cleanup(f)` inside the parentheses
  char *cleanup_fn;     // ... and f as written (its token)
  bool type_is_anonymous;   // its struct/union/enum type has no tag
  char *align_text;     // its alignment attributes as a field repeats them
                        // (`_Alignas(16) `, `__attribute__((aligned(8))) `), or NULL
  int type_decl_off;    // FK_VAR: where the struct/union/enum/typedef its type
                        // names (through arrays and pointers) is declared in
                        // this file, or -1; FK_TYPEREF: the typedef's name;
                        // FK_EXPR of a statement expression: its value's type's
} Fact;

// A future type that the translation unit declares (AC_FUTURE_DECLARE in
// <asyncc.h> or a user's header): ac_future_NAME holds a value of type T.
typedef struct {
  char *name;           // ac_future_NAME
  char *written;        // T as the declaration wrote it
  char *canonical;      // T with typedefs resolved, as libclang spells it
} FutureDecl;

// A break, continue, return or goto written in a macro's body
// (`#define SKIP_IF(c) if (c) continue`) in an async body: the lowering
// rewrites jumps where they are written, and this one has no text there.
typedef enum { MJ_RETURN, MJ_BREAK, MJ_CONTINUE, MJ_GOTO } MacroJumpKind;

typedef struct {
  MacroJumpKind kind;
  int off;              // the macro invocation's name (where libclang maps it)
  int target;           // break, continue: the start of the loop or switch it
                        // leaves (a statement written in the function); goto:
                        // its label's name; else -1
} MacroJump;

struct Facts {
  TokenList *tokens;    // the scanner's tokens (TF_SKIPPED, TF_MACRO set here)
  AsyncFn *fns;         // in file order
  VEC(Fact) facts;      // sorted by (off, -end) once facts_collect returns
  IntVec skipped;       // pairs [begin, end) of skipped #if groups, sorted
  bool includes_asyncc_h;
  VEC(char *) includes; // every file the preprocessor read, for -MD
  VEC(char) include_system;  // per includes entry: a system header (-MMD omits it)
  VEC(FutureDecl) futures;  // in declaration order
  VEC(int) var_index;   // FK_VAR facts sorted by name_off (facts_var_at)
  IntVec pasted_args;   // pairs [off, end), merged and sorted: macro arguments in async bodies
                        // that the macro stringifies or pastes (# ##)
  VEC(MacroJump) macro_jumps;   // in async bodies, in visit order
  IntVec macro_literals;   // offsets of compound literals that a macro's body
                        // makes and takes the address of (&, or an array
                        // that decays), in async bodies
  IntVec stack_calls;   // pairs (offset, index into facts_stack_callees) of
                        // calls of alloca or the setjmp family that a
                        // macro's body makes, in async bodies (the tree
                        // sees only the macro's name)
  IntVec attr_macros;   // invocations, in async bodies, of macros that expand
                        // to attributes (MAYBE_UNUSED): 2 * offset, + 1 for a
                        // function-like macro; sorted
  IntVec cleanup_macros;   // ... those of them that hold a cleanup attribute
                        // (attr_macros also holds, as object-like, the macros
                        // that expand only to storage classes and qualifiers)
  IntVec empty_macros;  // offsets of invocations, in async bodies, of
                        // object-like macros that expand to nothing, or to
                        // _Pragma(...) only; sorted
  IntVec pragma_macros; // ... those of _Pragma(...): 2 * offset, + 1 if each
                        // is a loop pragma (text_is_loop_pragma); sorted
  IntVec other_decls;   // name offsets of the enum constants, typedefs and
                        // functions declared in async bodies, in visit order
  IntVec member_decls;  // name offsets of the struct and union members declared
                        // in async bodies (a member hides no local), sorted
  IntVec vm_typedefs;   // name offsets of the typedefs of a variably modified
                        // type (typedef int row[n];) in async bodies, in visit order
  TextSet field_macros; // the macros the translation unit defines, anywhere,
                        // named like a numbered frame field (NAME_N: the one
                        // name asyncc invents outside its ac__ prefix, for a
                        // renamed local's field, analyse.c), which it avoids
};

typedef struct {
  const char **argv;    // -I, -D, -U, -std=, -isystem, -include for clang
  int argc;
} ClangArgs;

// Facts come in two steps so that main can report the scanner's problems
// and unbalanced braces (which need the skipped #if groups) before
// libclang's own messages, which are noisier for those.
//
// facts_parse parses the view with libclang, records the skipped #if
// groups and marks their tokens TF_SKIPPED.  facts_collect then reports
// libclang's errors at source positions, checks every await and fills
// facts.  facts_close frees libclang's data.
typedef struct Clang Clang;
Clang *facts_parse(Source *src, TokenList *tl, View *view, ClangArgs *args,
                   Facts *facts);
void facts_collect(Clang *clang);
// The names the translation unit declares with a future in their type:
// functions returning one; variables, fields and typedefs of a function
// pointer returning one (for hollow_keep_users).
TextSet facts_future_names(Clang *clang);
void facts_close(Clang *clang);
void facts_print_clang_version(void);
const Fact *facts_find(const Facts *facts, FactKind kind, int off, int end);
// The FK_VAR fact of the variable or parameter named at name_off, or NULL
// (an index built on the first call, once facts_collect has returned).
const Fact *facts_var_at(Facts *facts, int name_off);
// The index of the first fact at or after off (facts are sorted by offset).
int facts_lower_bound(const Facts *facts, int off);
// Whether off lies in a macro argument that the macro stringifies or pastes.
bool facts_in_pasted_arg(const Facts *facts, int off);// The callees that leave storage or jump buffers on the stack a suspension
// leaves (alloca, setjmp, longjmp and their spellings), NULL-terminated.
extern const char *const facts_stack_callees[];

bool facts_is_skipped(const Facts *facts, int off);
// Whether a macro that expands to attributes is invoked at off: 0 not,
// 1 an object-like macro (or one of storage classes and qualifiers only),
// 2 a function-like one, 3 an object-like macro that expands to nothing.
int facts_attr_macro_at(const Facts *facts, int off);
// Whether a macro that expands to _Pragma(...) only is invoked at off: 0
// not, 1 yes, 2 each a loop pragma.
int facts_pragma_macro_at(const Facts *facts, int off);
// Whether a struct or union member is declared in an async function at
// off (its name).
bool facts_declares_member(const Facts *facts, int off);
// The declared future type of a value type spelled `type`: the first whose
// T was written so, else the first whose T is canonically so; or NULL.
const FutureDecl *facts_future_of(const Facts *facts, const char *type);

//
// futures.c
//

// The name of the future of the type written `text` in the generated C,
// and in *decl the guarded AC_FUTURE_DECLARE that makes it ("" when the
// translation unit or <asyncc.h> already declares it).
char *futures_name(const Facts *facts, const char *text, char **decl);

//
// entry.c
//

// `async int main`: entry_find_main checks its form and renames it (before
// the view is built); entry_add_main adds the plain main that runs it.
void entry_find_main(Source *src, Facts *facts);
bool entry_is_main(const AsyncFn *fn);   // the renamed async main
// The name the user wrote: main for the renamed async main.  Reports and
// messages use it; the generated symbols keep fn->name.
const char *entry_user_name(const AsyncFn *fn);
void entry_add_main(Source *src, Facts *facts, EditList *edits);

//
// grammar/parse.y
//

// Node kinds of an async body's tree.  The tree matches the source as
// written (macros unexpanded); every node has its exact byte range, first
// token to last.  Parentheses are not nodes: `(a)` is a's node, and outer
// nodes' ranges include the parentheses inside them.
typedef enum {
  // statements
  ND_BLOCK,         // { body... }              body: list via next
  ND_DECL,          // declaration;             body: ND_VAR list (none for
                    //   `struct s;` or GNU `__label__ a;`)
  ND_VAR,           // one declarator           name, init (may be NULL),
                    //   args: its array bounds in order (`a[n][m]`: n, m);
                    //   range: declarator to end of initializer
  ND_TYPEDEF,       // typedef declaration (kept as text)
  ND_EXPR_STMT,     // expr ;                   lhs
  ND_NULL_STMT,     // ;  also `__attribute__((fallthrough));`
  ND_IF,            // cond, then, els
  ND_WHILE,         // cond, body
  ND_DO,            // body, cond
  ND_FOR,           // init (ND_DECL or ND_EXPR_STMT or NULL), cond, inc, body
  ND_SWITCH,        // cond, body
  ND_CASE,          // lhs (value), rhs (GNU range end or NULL), body
  ND_DEFAULT,       // body
  ND_LABEL,         // name, body
                    //   (labels: body may be a declaration, or NULL for a
                    //   label that ends its block, as C23 and gnu11 allow)
  ND_GOTO,          // name (or lhs for computed goto)
  ND_BREAK,
  ND_CONTINUE,
  ND_RETURN,        // lhs (may be NULL)
  ND_ASM,           // asm statement (kept as text)
  ND_STATIC_ASSERT,
  // expressions
  ND_IDENT,         // a name; name
  ND_LITERAL,       // number, character or string(s)
  ND_AWAIT,         // await lhs
  ND_UNARY,         // op lhs: & * + - ~ ! ++ -- (prefix), __extension__, __real__...
  ND_POSTFIX,       // lhs op: ++ --
  ND_BINARY,        // lhs op rhs, including && || (op says which)
  ND_ASSIGN,        // lhs op rhs, op is = += -= ...
  ND_COND,          // cond ? then : els (then NULL for GNU `a ?: b`)
  ND_COMMA,         // lhs , rhs
  ND_CALL,          // lhs (args): args list via next
  ND_INDEX,         // lhs [rhs]
  ND_MEMBER,        // lhs . name  or  lhs -> name  (op says which)
  ND_CAST,          // (type) lhs; type_off/type_end give the type name
  ND_SIZEOF,        // sizeof lhs, or sizeof (type) when lhs == NULL
  ND_ALIGNOF,       // _Alignof (type) or __alignof__ expr
  ND_COMPOUND_LIT,  // (type) { init list }: body is the ND_INIT_LIST
  ND_INIT_LIST,     // { ... } initializer: body list of initializers
  ND_DESIGNATED,    // .x = / [i] = / [i ... j] = / x: then rhs (the
                    //   initializer); designators are not nodes
  ND_STMT_EXPR,     // ({ ... }): body is the ND_BLOCK
  ND_GENERIC,       // _Generic(...): kept as one unit, lhs is the controlling expr,
                    //   args the associated expressions
  ND_BUILTIN,       // __builtin_va_arg / __builtin_offsetof / ...: kept as one unit;
                    //   type_off/type_end the (first) type, lhs va_arg's operand
  ND_LABEL_ADDR,    // &&label: name
} NodeKind;

struct Node {
  NodeKind kind;
  int off, end;     // exact byte range in Source.text: [off, end)
  int op;           // operator token offset (ND_UNARY, ND_BINARY, ND_ASSIGN,
                    // ND_POSTFIX, ND_MEMBER); read its spelling from Source
  int oplen;        // operator token length
  Node *next;       // next statement / declarator / argument / initializer
  Node *lhs, *rhs;
  Node *cond, *then, *els;
  Node *init, *inc, *body;
  Node *args;
  int name_off;     // ND_VAR, ND_IDENT, ND_LABEL, ND_GOTO, ND_MEMBER,
  int name_len;     // ND_LABEL_ADDR: the name; name_off is -1 if none
  int type_off, type_end;  // ND_CAST, ND_SIZEOF, ND_ALIGNOF, ND_COMPOUND_LIT,
                           // ND_BUILTIN: the type name; ND_DECL, ND_TYPEDEF:
                           // the declaration specifiers; -1 if none
  const Fact *fact; // joined libclang fact (join.c), or NULL
};

typedef struct {
  Source *src;
  TokenList *tl;
  int first, last;  // token indices of the body's `{` and `}`
  // Whether the identifier token t names a type here (typedef name or a
  // macro that expands to type specifiers).  Answered per token, so scopes
  // are the callback's business: a typedef name hidden by an inner
  // variable, and a name being declared (`typedef int I;`), are not types.
  // May be NULL (no type names).
  bool (*is_type_name)(void *ctx, const Token *t);
  // Whether the identifier token t invokes a macro that expands to
  // attributes: 0 not, 1 object-like (MAYBE_UNUSED; also one of storage
  // classes and qualifiers only, read where attributes are), 2
  // function-like (_cleanup_(f)), 3 one that expands to nothing (skipped
  // anywhere, like _Pragma(...)).  May be NULL.
  int (*is_attr_macro)(void *ctx, const Token *t);
  void *ctx;
} ParseInput;

// Parses one compound statement.  Syntax errors go through diag_error at
// the offending token; returns NULL after an error.  Tokens with
// TF_SKIPPED and TK_HASH_LINE tokens are not seen by the grammar.
Node *parse_body(ParseInput *in);
// A readable dump of a tree, one node per line, for tests and --dump-tree:
// "[role: ]kind ['op'] [name] [type 'T'] [literal text] [off,end)", children
// indented by two.  *buf is malloc'd (open_memstream); the caller frees it.
void parse_dump(const Source *src, const Node *node, char **buf, size_t *len);

//
// text.c
//

// The `)` matching the `(` at open (nested parentheses skipped), or NULL.
const char *text_close_paren(const char *open);
// Whether the words of a pragma (`GCC unroll 4`, after `#pragma` or inside
// `_Pragma("...")`, blanks and comments between them) ask for a loop's
// unrolling or vectorising: it must be followed by a loop.
bool text_is_loop_pragma(const char *p, const char *end);
// p past the blanks and comments at it (not past end).
const char *text_skip_blanks(const char *p, const char *end);
char *text_c_string(const char *s);   // escaped for a string literal
unsigned text_hash(const char *s, int n);   // FNV-1a
void text_set_add(TextSet *set, const char *s, int n);
bool text_set_has(const TextSet *set, const char *s, int n);

//
// tokens.c
//

// The back end's lookups in the scanner's tokens, by byte offset.
int tok_at(const TokenList *tl, int off);      // the token starting at off, or -1
int tok_after(const TokenList *tl, int off);   // the first token at or after off
int tok_len(const TokenList *tl, int off);     // its length, 0 if none starts there
// The token before i that is not a directive or in a skipped #if group, or -1.
int tok_prev(const TokenList *tl, int i);
// The `)`, `]` or `}` closing the bracket at token i, not counting tokens of
// skipped #if groups or directives, or -1.
int tok_match(const Source *src, const TokenList *tl, int i);
// The name of the directive t (`#  ifndef X`: "ifndef", *n 6), or NULL if
// t is not one.
const char *tok_directive_name(const Source *src, const Token *t, int *n);

//
// node.c
//

// Calls pre(n) before and post(n) after n's children, for n and every node
// below it, in source order.  pre returning false skips n's children (post
// still runs).  Either callback may be NULL.
typedef bool NodePre(Node *n, void *ctx);
typedef void NodePost(Node *n, void *ctx);
void node_walk(Node *n, NodePre *pre, NodePost *post, void *ctx);
// Whether n or a node under it is an await.
bool node_has_await(Node *n);
// An expression's operands (fields, arguments, body), in source order.
typedef VEC(Node *) NodeVec;
NodeVec node_children(Node *e);
// The identifier a call calls when written as a plain name, else NULL.
bool node_calls(const Source *src, const Node *call, const char *name);

//
// analyse.c
//

// One local variable or parameter of an async function.
typedef struct {
  const Fact *fact;     // its FK_VAR
  int name_off, name_len;
  int scope_end;        // the name is visible in [name_off, scope_end)
  int live_from;        // it holds a value from here on (after its initializer)
  IntVec uses;          // offsets of the names that refer to it
  bool is_param;
  bool address_taken;   // &x, or an array (decays to a pointer)
  bool written;         // assigned, incremented (or used in a macro's body)
                        // after its declaration
  bool hoisted;         // live across an await: lives in the frame
  bool cleanup;         // has __attribute__((cleanup(f))) in a function that
                        // awaits: the lowering runs f on each exit of the scope
                        // (lower.c), and it is live across every await there
  int live_across;      // the first await (1-based, source order) it is live across
  IntVec live_at;       // every await (1-based, source order) it is live across
  char *field;          // its frame field's name (unique in the frame)
  char *ramp_name;      // hoisted: its name as a plain local (lower.c)
  Node *decl, *node;    // its ND_DECL and ND_VAR (NULL for parameters)
  Node *scope;          // the block (or for) it is declared in; the body for
                        // parameters (layout.c: a frame field's block)
} Var;

struct Analysis {
  VEC(Var *) vars;      // in declaration order
  bool unsorted;        // ... which is not by name offset (a macro declared
                        // several variables at its invocation)
  VEC(Node *) awaits;   // in source order
  bool heap_at_entry;   // a hoisted local's address is taken: the frame is
                        // allocated before it can escape and never moves
  VEC(Node *) literals; // compound literals whose address outlives an await
                        // (stored, or handed to an awaited call): each is
                        // a frame field, ac__cN, for its whole block
  VEC(Node *) literal_blocks;   // ... and that block
};

// Rejects what cannot be lowered: variable-length arrays alive across an
// await, alloca and setjmp/longjmp in async functions.  Then decides which
// locals live in the frame: those live across an await (read after it
// without being redeclared), by Roslyn's rule approximated on the tree.
void an_check(Source *src, Facts *facts, AsyncFn *fn);
void an_check_file(Source *src, Facts *facts);
Var *an_var_at(const Analysis *an, int name_off);
// Whether hoisted v is a plain local of the resume function, copied to the
// frame at each suspension and back at each resume label, rather than a
// frame field: not when the frame is allocated on entry (a local's address
// is taken).  A const one too: its bytes are copied back (AC__LOAD).
bool an_copied(const Analysis *an, const Var *v);

//
// live.c
//

// Liveness by dataflow over a control-flow graph of fn's body, in the order
// lower.c evaluates it: for each await k (fn->an->awaits order), live_at[k]
// gets the indices (in fn->an->vars) of the locals read on some path after
// it before being written.  writes: the offsets of names that are only
// written (x = e), sorted.
void live_compute(Source *src, AsyncFn *fn, const IntVec *writes, IntVec *live_at);
// The control flow between awaits, for --explain's pictures: next[0] gets
// the awaits that can run first, next[k] those that can run next after
// await k (1-based, fn->an->awaits order; 0 stands for the end).
void live_next(Source *src, AsyncFn *fn, IntVec *next);

//
// plan.c
//

// A temporary of a linearised expression: an await's value, or the value
// of `a && b` or `c ? x : y` that holds an await.
typedef struct {
  char *type;           // its type (canonical spelling), for a frame field
  long size, align;
  int await_no;         // the await whose value it holds (0: a condition's)
  int off;              // the expression it stands for
  int born;             // awaits run when it got its value
  bool in_frame;        // another await runs before its use: spilled
  int used_after;       // the last await before its use (when in_frame)
} Temp;

// What lower.c prints for one function, decided before it prints.
typedef struct {
  VEC(Node *) awaits;   // in the order their code runs (state k is awaits[k-1])
  VEC(Temp) temps;      // in the order lower.c makes them
} Plan;

Plan *plan_build(Source *src, AsyncFn *fn);
int plan_spilled(const Plan *p);
// The number (1-based, in plan order) of an await, or 0.
int plan_await_number(const Plan *p, const Node *await);
// A readable dump for tests and debugging: awaits, temporaries, hoisted locals.
void plan_dump(const Source *src, const AsyncFn *fn, const Plan *p, FILE *out);

//
// layout.c
//

// A frame slot: the bytes of a hoisted local or a spilled temporary.
typedef struct {
  const char *name;     // its frame field (the local's field, ac__tN)
  long size, align;
  long off;             // from the start of the slots' area
  const Var *var;       // the hoisted local, or NULL
  const Node *literal;  // or the compound literal (Analysis.literals), or NULL
  int temp;             // or the index of the spilled temporary in the plan (else -1)
  bool whole_scope;     // a frame field in the resume function (not copied):
                        // its bytes matter wherever its block runs
  int scope_off, scope_end;   // that block's range
  uint64_t *at;         // bit k-1: its bytes hold a value across await k (plan order)
  int group;            // which of the area's structs holds it (lower.c)
} FrameSlot;

// The frame's slots with offsets: two slots share bytes unless they
// interfere (layout_interfere).  lower.c's frame struct places them so.
typedef struct {
  const Plan *plan;
  VEC(FrameSlot) slots; // hoisted locals in declaration order, kept compound literals,
                        // then spilled temporaries
  long size, align;     // of the slots' area
  long end;             // where its last slot ends (size before rounding up)
  long unshared;        // its size if no two slots shared bytes
  int *by_off;          // the slots' indices by offset (ties: in slots' order)
  int ngroups;          // structs of slots that never overlap (1: none share)
} Layout;

Layout *layout_build(const AsyncFn *fn, const Plan *plan);
// Whether slots a and b (indices) may need their bytes at the same time.
bool layout_interfere(const Layout *l, int a, int b);
// The names of the slots whose bytes slot i shares ("x, ac__t0"), or NULL.
char *layout_shares(const Layout *l, int i);
// The slots, one a line, with offsets and what each shares bytes with.
void layout_dump(const Layout *l, FILE *out);

//
// join.c
//

// Attaches to every expression node its Fact of the same exact range.
// A node without a fact is an internal error naming the node.
void join_body(Source *src, Facts *facts, AsyncFn *fn);

//
// emit.c
//

// Writes the output: for now a copy of the source with the edits applied.
typedef struct {
  int off, end;         // replaced source range (off == end: insertion)
  char *text;
  int *marks, nmarks;   // places in text for a #line naming the output itself
} Edit;

struct EditList {
  VEC(Edit) edits;
};

void emit_edit(EditList *el, int off, int end, char *text);
// The same, where text has lines of generated code: at each mark (2 * byte
// offset in text, at a line start, + 1 for a linemarker that also ends a
// system-header region) emit_apply writes `#line N "OUTPUT"`, N being the
// output's own next line, so those lines map to the generated file.
void emit_edit_marked(EditList *el, int off, int end, char *text, int *marks, int nmarks);
// An insertion at offset 0 before every other edit, also those at 0.
void emit_first(EditList *el, char *text);
// Applies the edits (sorted by offset, non-overlapping) to src into a
// malloc'd buffer; out_name is how #line names the output ("<stdout>").
char *emit_apply(Source *src, EditList *el, size_t *len, const char *out_name);

//
// lower.c
//

// Replaces fn (definition or prototype) by plain C: frame struct, ramp and
// resume function (docs/lowering.md).
// With explain, also prints there what the function costs: its states,
// what is hoisted and why, spilled temporaries, the frame's layout.
// Rewrites each ac_future(T) outside async functions whose T is not one
// word (char *, struct point) to the name AC_FUTURE_DECLARE gives it.
void lower_future_types(Source *src, Facts *facts, EditList *edits);
// It warns about spilled awaits and frames over frame_limit bytes.
void lower_function(Source *src, Facts *facts, AsyncFn *fn, EditList *edits,
                    FILE *explain, long frame_limit);
// Before lowering: marks the functions whose frames callers will embed
// (C++'s HALO at the source level): a static async function defined
// earlier in the file, awaited as a direct call, boxes into room in its
// caller's frame instead of allocating, once that caller has a frame.
void lower_plan_embedding(Source *src, Facts *facts);

// One function being lowered, as lower.c's generator and explain.c see it.
typedef struct {
  int off, end;
  char *text;       // where the variable lives in the frame (ac__fr->x)
  char *ramp_text;  // where it is a plain local (its name, or ac__l_x)
  Var *var;         // the hoisted variable used here, or NULL
} Subst;

typedef struct {
  Source *src;
  Facts *facts;
  AsyncFn *fn;
  Analysis *an;
  FILE *out;
  int vline;         // the source line the output is at (when !in_gen)
  int col;           // the output's column (0: at a line's start)
  char last;         // the last byte written
  size_t pos;        // bytes written
  bool in_gen;       // the output's lines map to the output file itself
  bool in_src;       // a #line of this output named the dialect file, none since
  int indent;        // of generated lines
  VEC(int) marks;    // for emit_edit_marked
  bool locals;       // hoisted locals are plain locals, copied to the frame at
                     // each suspension and back at each resume label (not
                     // when the frame is allocated on entry: then every
                     // hoisted local lives in it)
  Plan *plan;        // the awaits in order and the temporaries (plan.c)
  Layout *layout;    // the frame's slots (layout.c)
  char *fut;         // the future type's name, "ac_future_int"
  VEC(Subst) subst;  // uses of hoisted variables, sorted by offset
  int ntemps;        // temporaries created in this pass
  int nawaits;       // awaits generated in this pass: their numbers
  VEC(int) pending;  // temporaries whose value is not yet used
  VEC(Var *) cleanups;     // locals with a cleanup the lowering runs (Var.cleanup)
                           // whose declarations were generated, innermost last
  IntVec cleanup_breaks;   // cleanups.len where each enclosing loop or switch began
  IntVec cleanup_conts;    // ... each enclosing loop
  int cont_label;    // > 0: `continue` becomes goto ac__continue_N
  bool cont_used;    // ... and one did
  int nlabels;
  char *preamble;    // file-scope declarations the function needs
  VEC(AsyncFn *) callees;  // whose frames this frame embeds (ac__callee)
  bool anchors_break;      // anchors made now may start a #line anywhere
  int await_line;          // > 0: the lines of an await map to this source
                           // line (lin_await), not to the output file
  IntVec *live_vars;       // per await (source order), the hoisted locals
                           // live across it (put_copies)
  Node *switch_body;       // the body of the switch being generated
  bool switch_prefix;      // inside it, before its first case: never runs
} Lower;

// One field of the frame, where the C compiler puts it.
typedef struct {
  const char *name;
  long size, off;
  const char *what;
  const char *shares;   // the fields it shares bytes with ("x, ac__t0"), or NULL
} Slot;

typedef VEC(Slot) Slots;

// The frame's fields in order and its size (what explain.c shows).
long lower_frame_layout(Lower *L, Slots *out);
char *lower_result_text(Lower *L);                // the result type, one line
char *lower_src_text(Lower *L, int off, int end); // source text as generated
int lower_await_number(Lower *L, int i);          // analyse.c's await i -> state
char *lower_live_states(Lower *L, const Var *v);   // "await 2", "awaits 1, 3"
AsyncFn *lower_embedded_callee(Lower *L, Node *a); // whose frame await a embeds

//
// explain.c
//

// --explain=text|dot|json: what each async function costs, for people (text),
// as a Graphviz picture of the state machine (dot) or for tools (json; the
// schema is in docs/lowering.md).  explain_begin and explain_end frame the
// report of one file; lower_function calls explain_function per function.
typedef enum { EXPLAIN_NONE, EXPLAIN_TEXT, EXPLAIN_DOT, EXPLAIN_JSON } ExplainFormat;
void explain_begin(FILE *out, ExplainFormat format, Source *src);
void explain_function(Lower *L, FILE *out);
void explain_end(FILE *out);

//
// sites.c
//

// The table of fn's suspension sites (resume function, name, file:line,
// await text) in the section ac__sites, for ac_dump_tasks and gdb.
void sites_put(FILE *out, Source *src, AsyncFn *fn, Plan *plan);

//
// options.c
//

typedef struct {
  const char *name;
  bool quote;           // -MQ: quoted for make; -MT: as written
} DepTarget;

typedef struct {
  const char *input;        // "-": standard input
  const char *output;       // -o as given, or NULL
  ClangArgs clang;          // preprocessor flags for libclang
  bool dump_tree, no_embed;
  ExplainFormat explain;     // --explain[=text|dot|json]
  bool dump_plan;           // --dump-plan: plan_dump of each async function
  bool syntax_only;         // -fsyntax-only: no output
  long frame_limit;         // -Wframe-larger-than=N
  // Make dependencies (output.c), as gcc's -M -MM -MD -MMD -MF -MT -MQ -MP.
  bool dep_only;            // -M, -MM: the dependencies instead of the output
  bool dep_side;            // -MD, -MMD: the dependencies beside the output
  bool dep_user_only;       // -MM, -MMD: no system headers
  bool dep_phony;           // -MP
  const char *dep_file;     // -MF, or decided by output_decide
  VEC(DepTarget) dep_targets;   // -MT, -MQ in command-line order
  const char *json_file;    // -MJ: a compile_commands.json entry for editors
  // Decided by output_decide:
  const char *c_output;     // where the C goes: a file, "-" (stdout) or NULL
} Options;

// Parses the command line (dies on a bad one).  options_take_one takes
// argv[*i] (and its operand) if it is an option.
Options options_parse(int argc, char **argv);
bool options_take_one(Options *o, int argc, char **argv, int *i);

//
// output.c
//

// More than this from one input is an error (/dev/zero, an endless pipe).
#define INPUT_MAX (64 << 20)

// Reads the input ("-": standard input, named <stdin>) into a Source;
// st receives what fstat said of it.
struct stat;
Source *input_read(const char *path, struct stat *st);
// Around libclang's parse: stops the process with a message if the
// preprocessor reads without bound (an #include of /dev/zero).
void input_guard(bool on);
// Decides where the C and the dependencies go, and dies if an output would
// be the input (same device and inode) or the other output.
void output_decide(Options *o, const struct stat *input);
// Writes the C output (data, len) and the dependency file: both or
// neither, through temporaries removed on signals; symlinks, FIFOs,
// devices, hard links and modes of existing files kept.
void output_write(const Options *o, char *data, size_t len, const Facts *facts);

#endif
