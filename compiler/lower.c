// lower.c: an async function becomes a frame struct, a run function that
// holds its body once, a ramp and resume functions (C#'s shape;
// docs/lowering.md shows the result on a real example).
//
//   struct f__frame { ac_task hdr; union { T result; struct {
//                     ac_task *awaiting; <hoisted locals and spilled
//                     temporaries> }; }; }   (the result is written last)
//   T' f__run(fr, state, params)
//                       the body, with its locals as plain locals
//                       (registers, to the C compiler), entered through a
//                       goto to the label after the await of its state (C
//                       lets a goto enter blocks, so the user's loops and
//                       braces stay as they are).  State 0 is the ramp's
//                       call: at its first real suspension it allocates
//                       the frame, copies into it what the rest of the body
//                       reads (C#'s boxing) and returns a pending future; a
//                       call that never suspends returns a completed future
//                       and allocates nothing.  Inlined into its callers
//                       when optimising (AC__RUN), where state and frame
//                       are constants.  (When a hoisted local's address is
//                       taken, the frame is allocated on entry instead and
//                       the body works in it.)
//   T' f(params)        the ramp: f__run(NULL, 0, params).
//   f__resume(task)     f__run(frame, 1, ...); with several awaits a thunk
//                       f__resume_k per await, which each await stores in
//                       the header as it suspends (the header's resume
//                       function is the state), calls f__resume_at(task, k).
//
// One generator (gen_stmt) prints the body, copying the source text and
// rewriting only what it must:
// - a use of a hoisted local stays a plain local, renamed only where
//   another local of that name could hide it from the copy at a
//   suspension (ac__fr->name where the frame is allocated on entry);
// - a full expression holding awaits is linearised: each await's operand
//   is evaluated into a future, the await suspends if that future is not
//   complete, and its value goes to a temporary that stands where the
//   await stood.  C leaves the order of most operands unspecified (C11
//   6.5p3), so awaits run before the other operands of their expression;
//   `&&`, `||`, `?:` and `,` keep their order, and their right side awaits
//   only when evaluated.  A temporary lives in the frame only when another
//   await comes between its value and its use (a spill, as Roslyn's
//   <>t__stack); plan.c decides which before anything is printed;
// - a loop whose condition or increment awaits is rewritten around a
//   `for (;;)`; `continue` in it becomes a goto where needed;
// - `return` completes the future: a completed future in the ramp's call,
//   through ac__task_complete in a resume function.
//
// The output is laid out a statement per line: a line holding the user's
// code maps to its source line (#line to the dialect file), any other to
// the output file itself (a mark that emit_apply makes a #line), so
// compiler messages, breakpoints and steps land on the user's line or on
// the generated code, never on another function's lines (docs/lowering.md,
// "Line mapping").

#include "acc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


// --- output ---------------------------------------------------------------
//
// Two kinds of output line (docs/lowering.md, "Line mapping"): a line that
// holds the user's code maps to its source line (a #line to the dialect
// file, or newlines when it is a few lines ahead); a generated line (the
// frame, the code of an await, the helpers) maps to the output file itself,
// through a mark that emit_apply turns into `#line N "OUTPUT"`.  So a
// breakpoint, a message or a step lands on the user's line or on readable
// generated code, never on another function's lines.

// Writes n bytes of s, keeping the position (line, column, bytes) in step.
static void out_mem(Lower *L, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '\n') {
      L->vline += !L->in_gen;
      L->col = 0;
    } else {
      L->col++;
    }
  }
  fwrite(s, 1, n, L->out);
  L->pos += n;
  if (n)
    L->last = s[n - 1];
  if (memchr(s, '#', n))   // perhaps the user's own #line: name the file again
    L->in_src = false;
}

static void out_str(Lower *L, const char *s) {
  out_mem(L, s, strlen(s));
}

static void put_text(Lower *L, const char *s);

static void put(Lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Lower *L, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char small[256], *text = small;
  int n = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  if (n >= (int)sizeof small) {
    text = arena_alloc(n + 1);
    va_start(ap, fmt);
    vsnprintf(text, n + 1, fmt, ap);
    va_end(ap);
  }
  put_text(L, text);
}

static void newline(Lower *L) {
  if (L->col)
    out_str(L, "\n");
}

// A #line to the dialect file's line: without the file's name when the
// previous #line of this output named it (the presumed file is kept).
static void put_line_directive(Lower *L, int line) {
  newline(L);
  if (L->in_src) {
    char buf[32];
    snprintf(buf, sizeof buf, "#line %d\n", line);
    out_str(L, buf);
  } else
    out_str(L, source_line_directive(L->src, line) + 1);
  L->in_gen = false;
  L->in_src = true;
  L->vline = line;
}

// From here on, lines map to the output file (reset: a #line is due even
// where the previous generated line was the last).
static void mark_gen(Lower *L, bool reset) {
  newline(L);
  int m = 2 * (int)L->pos + reset;
  vec_push(&L->marks, m);
  L->in_gen = true;
  L->in_src = false;
  L->vline = -1;
}

// A fresh output line that the C compiler numbers `line` of the dialect
// file.
static void goto_line(Lower *L, int line) {
  if (!L->in_gen && line >= L->vline && line - L->vline <= 8 &&
      (line > L->vline || !L->col)) {
    while (L->vline < line)
      out_str(L, "\n");
    return;
  }
  put_line_directive(L, line);
}

// Brings the output to the source line of off and its column: newlines
// when it is a few lines ahead, a #line directive otherwise.  Text of the
// same source line continues the output line (and then it returns true).
static bool sync_line(Lower *L, int off) {
  int line, col;
  source_pos(L->src, off, &line, &col);
  if (!L->in_gen && line == L->vline && L->col)
    return true;
  goto_line(L, line);
  const char *text = L->src->text + L->src->line_starts[line - 1];
  for (int i = 0; i < col - 1; i++)
    out_str(L, text[i] == '\t' ? "\t" : " ");
  return false;
}

// --- anchors ------------------------------------------------------------------
//
// The text of a statement asyncc rewrites (an await's operand, a condition
// or a `return` around awaits) is built as a string from pieces of the
// source and generated text (temporaries, renamed names).  Each piece of
// source in it starts with an anchor, "\1OFF\2", that put_text turns into
// padding to OFF's column on OFF's source line, or into a new output line
// mapped to that line when the output is past it there: every piece of
// the user's text lands at its own line and column, so a compiler message
// inside it points where the user wrote it.

// An anchor ends in \3 where it may start a line with #line even when not
// the first of its text (see to_column; L->anchors_break).
static char *anchor(Lower *L, int off) {
  return arena_printf("\1%d%c", off, L->anchors_break ? '\3' : '\2');
}

// The length of the anchor at p (its offset into *off), or 0 if none.
static int anchor_at(const char *p, int *off) {
  if (*p != '\1' || !isdigit((unsigned char)p[1]))
    return 0;
  char *end;
  long v = strtol(p + 1, &end, 10);
  if (*end != '\2' && *end != '\3')
    return 0;
  *off = (int)v;
  return (int)(end + 1 - p);
}

// Whether the user's expression [off, end) holds no macro invocation, so
// that a #line directive may go anywhere between its tokens.
static void allow_breaks(Lower *L, int off, int end) {
  const TokenList *tl = L->facts->tokens;
  L->anchors_break = true;
  for (int i = tok_after(tl, off); L->anchors_break && i < tl->ntoks && tl->toks[i].off < end; i++)
    if ((tl->toks[i].flags & TF_MACRO) &&   // `await` is one to libclang
        !(tl->toks[i].len == 5 && !memcmp(L->src->text + tl->toks[i].off, "await", 5)))
      L->anchors_break = false;
}

// The first n bytes of s (all if n < 0) without their anchors.
static char *unanchored(const char *s, int n) {
  size_t len = n < 0 ? strlen(s) : (size_t)n;
  char *r = arena_alloc(len + 1), *q = r;
  for (size_t i = 0; i < len;) {
    int off, a = anchor_at(s + i, &off);
    if (a)
      i += a;
    else
      *q++ = s[i++];
  }
  *q = 0;
  return r;
}

// The output goes to off's line and column, as said above.  Only the
// first anchor of a text may start a line with a #line directive: a later
// one may be inside a macro's arguments, where a directive is undefined
// (C11 6.10.3p11); it pads, or moves down by newlines, or else leaves its
// piece where it is (after a generated name longer than the user's).
static void to_column(Lower *L, int off, bool first) {
  int line, col;
  source_pos(L->src, off, &line, &col);
  bool ahead = !L->in_gen && line > L->vline && line - L->vline <= 8;
  if (!first && !ahead && (L->in_gen || line != L->vline || L->col > col - 1))
    return;
  if (L->in_gen || line != L->vline || L->col > col - 1) {
    newline(L);
    goto_line(L, line);
  }
  const char *text = L->src->text + L->src->line_starts[line - 1];
  for (int i = L->col; i < col - 1; i++)
    out_str(L, text[i] == '\t' ? "\t" : " ");
}

// Writes s, each anchor in it placed.
static void put_text(Lower *L, const char *s) {
  const char *p = s;
  bool first = true;
  for (;;) {
    const char *a = strchr(p, '\1');
    if (!a) {
      out_str(L, s);
      return;
    }
    int off, n = anchor_at(a, &off);
    if (!n) {
      p = a + 1;
      continue;
    }
    out_mem(L, s, a - s);
    to_column(L, off, first || a[n - 1] == '\3');
    first = false;
    s = p = a + n;
  }
}

// One line of generated code, indented.  Inside an await (L->await_line)
// it maps to the await's source line instead: its first line by a #line
// (the dialect file's, without the name), the lines after it continuing
// the same macro invocation (AC__AWAIT's arguments: the C compilers give
// an expansion the line of the macro's name, gdb steps over it as one
// line).
static void gen_line(Lower *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_line(Lower *L, const char *fmt, ...) {
  if (L->await_line > 0) {
    newline(L);
    goto_line(L, L->await_line);
    L->await_line = -L->await_line;   // one #line: the rest continue
  } else if (!L->in_gen && !L->await_line)
    mark_gen(L, false);
  newline(L);
  va_list ap;
  va_start(ap, fmt);
  char *text = NULL;
  if (vasprintf(&text, fmt, ap) < 0)
    diag_die("out of memory");
  va_end(ap);
  put(L, "%*s%s\n", L->indent, "", unanchored(text, -1));
  free(text);
}

// One line of generated code around the user's code at off (an await's
// operand, a rewritten condition): it maps to off's source line.  What
// comes before the user's first piece of text, when too long to leave it
// at its column, is a generated line of its own (`__auto_type ac__f1 = (`).
static void user_line(Lower *L, int off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void user_line(Lower *L, int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *text = NULL;
  if (vasprintf(&text, fmt, ap) < 0)
    diag_die("out of memory");
  va_end(ap);
  const char *a = strchr(text, '\1');
  int aoff, aline, acol;
  if (a && anchor_at(a, &aoff)) {
    source_pos(L->src, aoff, &aline, &acol);
    char *head = unanchored(text, (int)(a - text));
    // Not an if's: clang's -Wmisleading-indentation compares the line of
    // the `if` with that of a statement after its body on the same line.
    if (L->indent + (int)strlen(head) > acol - 1 && strncmp(head, "if ", 3)) {
      newline(L);
      if (L->await_line)   // an await's: on its source line too
        goto_line(L, aline);
      else if (!L->in_gen)
        mark_gen(L, false);
      put(L, "%*s%s", L->indent, "", head);
      put_text(L, a);
      free(text);
      return;
    }
  }
  int line, col;
  source_pos(L->src, off, &line, &col);
  newline(L);
  goto_line(L, line);
  put(L, "%*s%s", L->indent, "", text);
  free(text);
}

// The indentation of generated code at the statement at off: its line's.
static int indent_at(Lower *L, int off) {
  int line, col;
  source_pos(L->src, off, &line, &col);
  int w = 0;
  for (const char *p = L->src->text + L->src->line_starts[line - 1]; *p == ' ' || *p == '\t'; p++)
    w = *p == '\t' ? (w / 8 + 1) * 8 : w + 1;
  return w;
}

// The user's statement at off, after the code of its awaits: on its own
// line and column, or after what its line already holds (at its column
// if that is still ahead: the blanks before it may be copied already).
static void sync_stmt(Lower *L, int off) {
  if (!sync_line(L, off))
    return;
  int line, col;
  source_pos(L->src, off, &line, &col);
  const char *text = L->src->text + L->src->line_starts[line - 1];
  if (L->col < col - 1)
    for (int i = L->col; i < col - 1; i++)
      out_str(L, text[i] == '\t' ? "\t" : " ");
  else if (!isspace((unsigned char)L->last))
    put(L, " ");
}

// The same for a statement of len bytes: on a line of its own (the same
// source line, through #line) if the output line would grow past 100.
static void sync_fit(Lower *L, int off, size_t len) {
  if (!sync_line(L, off)) {
    return;
  } else if (L->col + 1 + len <= 100) {
    put(L, " ");
    return;
  }
  put_line_directive(L, L->vline);
  put(L, "%*s", indent_at(L, off), "");
}

// Ends a block of generated code: after the user's text on its line, or
// on a generated line.
static void close_brace(Lower *L) {
  L->indent -= 2;
  if (L->in_gen)
    gen_line(L, "}");
  else if (!L->col)   // after an await's lines (on its source line): a
    put(L, "%*s}\n", L->indent, "");   // line of its own, the user's text
                                        // after it at its column
  else
    put(L, " }");
}

// Opens a block for the code of the awaits of the statement at off.
static int open_brace(Lower *L, int off) {
  int saved = L->indent;
  sync_line(L, off);
  put(L, "{");
  L->indent = indent_at(L, off) + 2;
  return saved;
}

// Copies source bytes [off, end) to fp.  The generated text travels as C
// strings, so a NUL byte (which C allows in comments, and gcc in string
// literals) is written as the escape \000 inside a literal, a space elsewhere.
static void copy_source(Lower *L, FILE *fp, int off, int end) {
  const char *text = L->src->text;
  for (int pos = off; pos < end;) {
    const char *nul = memchr(text + pos, 0, end - pos);
    int stop = nul ? (int)(nul - text) : end;
    fwrite(text + pos, 1, stop - pos, fp);
    if (!nul)
      break;
    const TokenList *tl = L->facts->tokens;
    int lo = 0, hi = tl->ntoks - 1;   // the last token starting at or before stop
    while (lo < hi) {
      int mid = (lo + hi + 1) / 2;
      if (tl->toks[mid].off <= stop)
        lo = mid;
      else
        hi = mid - 1;
    }
    const Token *t = &tl->toks[lo];
    bool literal = (t->kind == TK_STR || t->kind == TK_CHAR) && stop < t->off + t->len;
    fputs(literal ? "\\000" : " ", fp);
    pos = stop + 1;
  }
}

// Whether hoisted variable v is a plain local in the code being generated
// (else a frame field): every one, unless the frame is allocated on entry.
// A const one too: its declaration initialises it, a resume label's copy
// writes its bytes (AC__SAVE), never an assignment.
static bool in_register(Lower *L, const Var *v) {
  (void)v;
  return L->locals;
}

// Whether the source piece [off, end) gets an anchor: unless it only closes
// or separates (`, `, `)`), where no message points, and padding it to its
// column would only spread `f(ac__t0 , ac__t1 )`.
static bool placed_piece(Lower *L, int off, int end) {
  for (int i = off; i < end; i++)
    if (!strchr(" \t\n,)]", L->src->text[i]))
      return true;
  return false;
}

// A piece of source with its anchor: after the closers it starts with, if
// on its first line (`ac__t0)   > 0`, not `ac__t0   ) > 0`).  Where the
// anchor may start a new line, the blanks before it are its padding (no
// trailing blanks before a #line).
static void put_piece(Lower *L, FILE *fp, int off, int end) {
  int at = off;
  while (at < end && strchr(" \t,)]", L->src->text[at]))
    at++;
  for (int i = off; i < at; i++)   // blanks: the anchor's padding, if it may break
    if (!L->anchors_break || !strchr(" \t", L->src->text[i]))
      fputc(L->src->text[i], fp);
  fputs(anchor(L, at), fp);
  copy_source(L, fp, at, end);
}

// The source text of [off, end) with the uses of hoisted variables
// rewritten, as a string; with anchors, an anchor before each piece of
// source in it (see above).
static char *src_text_at(Lower *L, int off, int end, bool anchors) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  int lo = 0, hi = L->subst.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (L->subst.data[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  int pos = off;
  for (int i = lo; i < L->subst.len && L->subst.data[i].off < end; i++) {
    Subst *s = &L->subst.data[i];
    if (s->off < pos)
      continue;   // a macro argument used twice has two facts for one text
    bool placed = anchors && placed_piece(L, pos, s->off);
    if (placed)
      put_piece(L, fp, pos, s->off);
    else
      copy_source(L, fp, pos, s->off);
    if (anchors && !placed)   // the name itself
      fputs(anchor(L, s->off), fp);
    fputs(!s->var || in_register(L, s->var) ? s->ramp_text : s->text, fp);
    pos = s->end;
  }
  if (anchors && placed_piece(L, pos, end))
    put_piece(L, fp, pos, end);
  else
    copy_source(L, fp, pos, end);
  fclose(fp);
  char *r = arena_strndup(buf, len);
  free(buf);
  return r;
}

static char *src_text(Lower *L, int off, int end) {
  return src_text_at(L, off, end, false);
}

// Copies source text to the output, in step with its lines.
static void put_src(Lower *L, int off, int end) {
  if (off >= end)
    return;
  // Blank lines between statements: the next statement's sync_line moves
  // to its line anyway (a #line directive costs less than indentation).
  bool blank = true, nl = false;
  for (int i = off; i < end && blank; i++) {
    blank = isspace((unsigned char)L->src->text[i]);
    nl |= L->src->text[i] == '\n';
  }
  if (blank && nl)
    return;
  // Blank space before the text's first line is left to sync_line too.
  for (int i = off; i < end && isspace((unsigned char)L->src->text[i]); i++)
    if (L->src->text[i] == '\n')
      off = i + 1;
  char *text = src_text(L, off, end);
  if (sync_line(L, off) && !isspace((unsigned char)L->last) && !isspace((unsigned char)*text))
    put(L, " ");   // after generated text on the line, as a person would
  out_str(L, text);
}

// --- directives inside rewritten statements -------------------------------
//
// A statement that awaits, a declaration of a local kept across an await
// or whose initializer awaits, a return (it completes the task), a loop
// header rebuilt: the lowering writes each from pieces of its text, the
// code of its awaits first, the declarator apart from its `;`.  A
// preprocessing directive among those pieces (or the _Pragma operator)
// would not stay where it is written: a conditional group would lose its
// #endif, a #define would come after the await that uses it, an #undef
// before the operand that reads the old definition.  Refused at the first
// one in the range the rewrite takes apart.

// _Pragma, or a macro made of it.
static bool is_pragma_operator(Lower *L, const Token *t) {
  return !(t->flags & TF_SKIPPED) &&
         ((t->len == 7 && !memcmp(L->src->text + t->off, "_Pragma", 7)) ||
          (t->kind == TK_IDENT && facts_pragma_macro_at(L->facts, t->off)));
}

static void refuse_directives(Lower *L, int off, int end, const char *what) {
  const TokenList *tl = L->facts->tokens;
  for (int i = tok_after(tl, off); i < tl->ntoks && tl->toks[i].off < end; i++) {
    const Token *t = &tl->toks[i];
    int n;
    const char *name = tok_directive_name(L->src, t, &n);
    if (name || is_pragma_operator(L, t)) {
      diag_error(t->off, "'%s' inside %s, which asyncc rewrites piece by piece: the %s "
                 "would not stay where it is written; move it before or after the statement",
                 name ? arena_printf("#%.*s", n, name)
                      : arena_strndup(L->src->text + t->off, t->len),
                 what, name ? "directive" : "pragma");
      return;
    }
  }
}

// Whether the directive t may change what a macro means (#define, #undef,
// #include, #pragma push_macro/pop_macro).
static bool changes_macros(Lower *L, const Token *t) {
  const char *p, *end = L->src->text + t->off + t->len;
  int n;
  const char *w = tok_directive_name(L->src, t, &n);
  static const char *words[] = {"define", "undef", "include", "include_next", "import", NULL};
  for (int i = 0; words[i]; i++)
    if ((int)strlen(words[i]) == n && !memcmp(w, words[i], n))
      return true;
  if (n != 6 || memcmp(w, "pragma", 6))
    return false;
  for (p = w + n; p < end && (*p == ' ' || *p == '\t'); p++) {}
  return (end - p >= 10 && !memcmp(p, "push_macro", 10)) ||
         (end - p >= 9 && !memcmp(p, "pop_macro", 9));
}

// A for loop whose increment awaits has it written at the end of its body
// (gen_for): a directive in the body that changes a macro would change
// what the increment expands to, which C reads before the body.
static void refuse_macro_changes(Lower *L, Node *body) {
  const TokenList *tl = L->facts->tokens;
  for (int i = tok_after(tl, body->off); i < tl->ntoks && tl->toks[i].off < body->end; i++) {
    const Token *t = &tl->toks[i];
    int n;
    const char *name = tok_directive_name(L->src, t, &n);
    if (name && !(t->flags & TF_SKIPPED) && changes_macros(L, t)) {
      diag_error(t->off, "'#%.*s' in the body of a for loop whose increment awaits: asyncc "
                 "writes the increment after the body, where this directive would change "
                 "the macros it expands; move the directive out of the loop", n, name);
      return;
    }
  }
}

// --- temporaries ----------------------------------------------------------

// The next temporary, as the plan has it (made in the same order).
static int new_temp(Lower *L, int off) {
  int i = L->ntemps++;
  if (i >= L->plan->temps.len || L->plan->temps.data[i].off != off)
    diag_internal(__FILE__, __LINE__, "temporary %d of '%s' is not the plan's", i, L->fn->name);
  return i;
}

// Whether temporary i is a local of the generated code (else a frame
// field): a spill is a field only where the frame is what survives.
static bool temp_is_local(Lower *L, int i) {
  return !L->plan->temps.data[i].in_frame || L->locals;
}

static char *temp_name(Lower *L, int i) {
  return arena_printf(temp_is_local(L, i) ? "ac__t%d" : "ac__fr->ac__t%d", i);
}

// The temporary i has its value: from now on an await makes it a spill.
static void temp_ready(Lower *L, int i) {
  vec_push(&L->pending, i);
}

// The temporaries made since mark are used now.
static void consume(Lower *L, int mark) {
  L->pending.len = mark;
}

// --- expressions ------------------------------------------------------------

static bool op_is(Lower *L, Node *n, const char *op) {
  return n->oplen == (int)strlen(op) && !memcmp(L->src->text + n->op, op, n->oplen);
}

static char *lin(Lower *L, Node *e);
static char *plain_type(Lower *L, const char *type);

// e's text with each child replaced by its linearised text, children in
// source order.
static char *rebuild(Lower *L, Node *e) {
  NodeVec kids = node_children(e);
  char *out = "";
  int pos = e->off;
  for (int i = 0; i < kids.len; i++) {
    Node *k = kids.data[i];
    char *before = src_text_at(L, pos, k->off, true);
    out = arena_printf("%s%s%s", out, before, lin(L, k));
    pos = k->end;
  }
  return arena_printf("%s%s", out, src_text_at(L, pos, e->end, true));
}

// The function a suspension at await k resumes in.  With one await, the
// resume function itself; with several, a thunk per await that passes k to
// the body (f__run): the frame's header names its state, so the frame
// needs no state field.
enum { RESUMES_MAX = 16 };   // AC__RESUMES_MAX of asyncc.h

static char *resume_entry(Lower *L, int k) {
  if (L->an->awaits.len == 1)
    return arena_printf("%s__resume", L->fn->name);
  return arena_printf("%s__resume_%d", L->fn->name, k);
}

// How many identifier tokens of each spelling the function has, for
// choose_ramp_name: one pass over its tokens, then a lookup per variable.
typedef struct {
  const char *text;
  int len, count;
  IntVec vars;          // the function's variables of that name (indexes)
} NameCount;

typedef struct {
  NameCount *slots;
  int cap;
} NameCounts;

static NameCount *name_slot(NameCounts *nc, const char *text, int len) {
  unsigned h = 2166136261u;
  for (int i = 0; i < len; i++)
    h = (h ^ (unsigned char)text[i]) * 16777619u;
  for (int i = h & (nc->cap - 1);; i = (i + 1) & (nc->cap - 1)) {
    NameCount *s = &nc->slots[i];
    if (!s->text || (s->len == len && !memcmp(s->text, text, len)))
      return s;
  }
}

// Whether identifier token i is a member (declared in the function, used
// after . or ->, also a designator) or a tag (after struct, union, enum):
// names of their own name spaces, which cannot hide a variable.
static bool member_or_tag(Lower *L, const TokenList *tl, int i) {
  const Token *p = i > 0 ? &tl->toks[i - 1] : NULL;
  if (facts_declares_member(L->facts, tl->toks[i].off))
    return true;
  if (!p)
    return false;
  if (p->kind == TK_PUNCT)
    return scan_token_is(L->src, p, ".") || scan_token_is(L->src, p, "->");
  return p->kind == TK_KEYWORD && (scan_token_is(L->src, p, "struct") ||
                                   scan_token_is(L->src, p, "union") ||
                                   scan_token_is(L->src, p, "enum"));
}

static NameCounts count_names(Lower *L) {
  TokenList *tl = L->facts->tokens;
  int first = tok_after(tl, L->fn->params_off), last = tok_after(tl, L->fn->body_end);
  NameCounts nc = {.cap = 16};
  while (nc.cap < 2 * (last - first + 1 + L->an->vars.len))   // at most half full
    nc.cap *= 2;
  nc.slots = arena_alloc(sizeof *nc.slots * nc.cap);
  for (int i = first; i < last; i++) {
    Token *t = &tl->toks[i];
    if (t->kind != TK_IDENT || member_or_tag(L, tl, i))
      continue;
    NameCount *s = name_slot(&nc, L->src->text + t->off, t->len);
    s->text = L->src->text + t->off;
    s->len = t->len;
    s->count++;
  }
  return nc;
}

// How many tokens of the function are v's declaration and its uses.
static int own_tokens(Lower *L, const Var *v) {
  const char *name = L->src->text + v->name_off;
  int n = 1;
  for (int j = 0; j < v->uses.len; j++)   // uses are sorted; a macro's may repeat
    n += (j == 0 || v->uses.data[j] != v->uses.data[j - 1]) &&
         !memcmp(L->src->text + v->uses.data[j], name, v->name_len) &&
         tok_len(L->facts->tokens, v->uses.data[j]) == v->name_len;
  return n;
}

// The name a hoisted variable has where it is a plain local: its own,
// unless the name could mean something else at one of its awaits, which
// would hide it from the copies there; then a name of our own (user names
// beginning with ac__ are rejected).  Its own is safe when every other
// ordinary identifier of that spelling in the function (members and tags
// do not count) is the declaration or a use of another variable declared
// outside v's scope: locals of one name in sibling blocks keep it, and so
// does the inner of two nested ones (the outer is renamed: the inner hides
// it).  An enum constant, typedef, label, static local or extern of the
// name anywhere renames it.  Keeping the name matters to a macro that uses
// the local in its body, or stringifies it (build_substitutions refuses a
// renamed one).
static char *choose_ramp_name(Lower *L, NameCounts *nc, Var *v) {
  const char *name = L->src->text + v->name_off;
  NameCount *slot = name_slot(nc, name, v->name_len);
  int known = 0;   // tokens of the name that are variables declared outside v's scope
  bool hidden = false;
  for (int i = 0; i < slot->vars.len && !hidden; i++) {
    Var *w = L->an->vars.data[slot->vars.data[i]];
    hidden = v->name_off < w->name_off && w->name_off < v->scope_end;
    known += own_tokens(L, w);
  }
  if (hidden || slot->count > known)
    return arena_printf("ac__l_%s", v->field);
  return arena_strndup(name, v->name_len);
}

static void name_ramp_locals(Lower *L) {
  NameCounts nc = count_names(L);
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    NameCount *s = name_slot(&nc, L->src->text + v->name_off, v->name_len);
    s->text = L->src->text + v->name_off;   // a name with no token still gets its slot
    s->len = v->name_len;
    vec_push(&s->vars, i);
  }
  for (int i = 0; i < L->an->vars.len; i++)
    if (L->an->vars.data[i]->hoisted)
      L->an->vars.data[i]->ramp_name = choose_ramp_name(L, &nc, L->an->vars.data[i]);
}

static char *ramp_name(Lower *L, Var *v) {
  (void)L;
  if (!v->ramp_name)
    unreachable();
  return v->ramp_name;
}

// The first suspension of a ramp with plain locals: the new frame gets
// what the resume function will read, every hoisted local live across
// await k (node a) and every temporary spilled across it.  Bytewise
// (AC__SAVE): arrays, anonymous struct types (the field's is another of the
// same layout) and qualified locals copy too, and a local that a goto or
// switch jumped past the initializer of is copied without loading a value
// that may be invalid for its type (_Bool, an enum).  (register: assigned.)
// With restore, the other way: at the resume label, the frame's copies back
// into the locals.
//
// Which locals those are comes from L->live_vars, made on first use: per
// await, the hoisted locals live across it, in declaration order (one pass
// over the live ranges, not one per await: a body of 16,000 locals and
// 1,600 awaits spent a fifth of its time here).

// a's number in source order (0-based), as in Var.live_at: awaits are
// sorted by offset; several from one macro's expansion share it.
static int source_number(const Analysis *an, const Node *a) {
  int lo = 0, hi = an->awaits.len;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (an->awaits.data[mid]->off < a->off)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int n = lo; n < an->awaits.len && an->awaits.data[n]->off == a->off; n++)
    if (an->awaits.data[n] == a)
      return n;
  for (int n = 0; n < an->awaits.len; n++)   // not sorted after all
    if (an->awaits.data[n] == a)
      return n;
  return an->awaits.len;
}

static const IntVec *live_vars_at(Lower *L, int n) {
  if (!L->live_vars) {
    L->live_vars = arena_alloc(sizeof *L->live_vars * (L->an->awaits.len + 1));
    for (int i = 0; i < L->an->vars.len; i++) {
      Var *v = L->an->vars.data[i];
      for (int j = 0; v->hoisted && j < v->live_at.len; j++) {
        int k = v->live_at.data[j];
        if (k < 1 || k > L->an->awaits.len)
          continue;
        IntVec *at = &L->live_vars[k - 1];
        if (!at->len || at->data[at->len - 1] != i)
          vec_push(at, i);
      }
    }
  }
  return &L->live_vars[n];
}

// A parameter never written keeps the value saved when the frame was made
// (COPY_BOXED, at the first suspension): later suspensions (COPY_OUT) do
// not save it again; every resume label copies both back.  The copies are
// a list for AC__SAVES / AC__LOADS (asyncc.h): `(local)` each for an
// integer or pointer local (by assignment at -O0), else `(KIND, local)`,
// KIND AC__M (bytewise), AC__A (by assignment: a `register` local, whose
// address cannot be taken, or a temporary), AC__MF and AC__AF (the same to
// a field named otherwise: `(AC__MF, field, local)`).
enum { COPY_BOXED, COPY_OUT };

static bool field_is_bytes(const Var *v);

static char *copies_text(Lower *L, Node *a, int k, int how) {
  const IntVec *live = live_vars_at(L, source_number(L->an, a));
  char *text = "";
  for (int li = 0; li < live->len; li++) {
    Var *v = L->an->vars.data[live->data[li]];
    if (!in_register(L, v) || (how == COPY_BOXED) != (v->is_param && !v->written))
      continue;
    char *name = ramp_name(L, v);
    bool same = !strcmp(name, v->field);
    // A field stored as bytes (a type declared in the function) is copied
    // bytewise even when the type is a plain scalar.
    bool assign = v->fact->is_plain_scalar && !field_is_bytes(v);
    const char *kind = v->fact->is_register ? "A" : !same || !assign ? "M" : "V";
    if (same && *kind == 'V')   // the usual case, the kind left out
      text = arena_printf("%s(%s)", text, name);
    else if (same)
      text = arena_printf("%s(AC__%s, %s)", text, kind, name);
    else
      text = arena_printf("%s(AC__%sF, %s, %s)", text, kind, v->field, name);
  }
  for (int i = 0; how != COPY_BOXED && i < L->ntemps; i++) {
    Temp *t = &L->plan->temps.data[i];
    if (t->in_frame && t->born < k && k <= t->used_after)
      text = arena_printf("%s(AC__A, ac__t%d)", text, i);
  }
  return text;
}

// --- embedded callee frames ---------------------------------------------------
//
// C++ compilers may elide a coroutine's heap frame into its caller's (HALO);
// here it is done in the source.  When fn awaits a direct call to c, a
// static async function defined earlier in the file, fn's frame has room
// for c's frame (the union ac__callee: fn awaits one thing at a time), and
// the call goes to c__ramp(&that room, args).  c's ramp boxes there instead
// of allocating (ac__frame_at), and fn's resume function skips freeing it.
// That needs fn's frame to exist: in the resume function, in a ramp that
// allocated it on entry, and in the ramp of an fn that is itself embedded
// (its frame will be the room it was given, ac__mem, when not NULL); any
// other ramp calls c as usual.

// The function await a calls directly, if fn could embed its frame: a
// static definition earlier in the file, with awaits, that boxes its frame
// at the first suspension (not one allocated on entry), not hidden by a local.
// The first function of each name in file order that could be embedded
// (a static definition with awaits, boxed at its first suspension), found
// through a table built once per file: every await asks.
typedef struct {
  AsyncFn *fn;
  int pos;          // its place in the file's list of functions
} EmbedEntry;

static struct {
  const Facts *facts;
  EmbedEntry *slots;   // by name
  int cap;
  AsyncFn **order;     // every function, in file order
  int n;
} embed_index;

static EmbedEntry *embed_slot(const char *name, int len) {
  for (unsigned i = text_hash(name, len) & (embed_index.cap - 1);; i = (i + 1) & (embed_index.cap - 1)) {
    EmbedEntry *e = &embed_index.slots[i];
    if (!e->fn || ((int)strlen(e->fn->name) == len && !memcmp(e->fn->name, name, len)))
      return e;
  }
}

static void build_embed_index(Facts *facts) {
  int n = 0;
  for (AsyncFn *c = facts->fns; c; c = c->next)
    n++;
  embed_index.facts = facts;
  embed_index.n = n;
  embed_index.cap = 16;
  while (embed_index.cap < 2 * n + 2)
    embed_index.cap *= 2;
  embed_index.slots = arena_alloc(sizeof(EmbedEntry) * embed_index.cap);
  embed_index.order = arena_alloc(sizeof(AsyncFn *) * (n + 1));
  int pos = 0;
  for (AsyncFn *c = facts->fns; c; c = c->next, pos++) {
    embed_index.order[pos] = c;
    if (!(c->body && c->is_static && c->an && c->an->awaits.len && !c->an->heap_at_entry))
      continue;
    EmbedEntry *e = embed_slot(c->name, strlen(c->name));
    if (!e->fn)
      *e = (EmbedEntry){c, pos};
  }
}

static EmbedEntry *embeddable_named(Facts *facts, const char *name, int len) {
  if (embed_index.facts != facts)
    build_embed_index(facts);
  EmbedEntry *e = embed_slot(name, len);
  return e->fn ? e : NULL;
}

// fn's place in the file's list (functions are looked up in order, so a
// remembered cursor makes this constant time).
static int fn_position(Facts *facts, AsyncFn *fn) {
  static int last;
  if (embed_index.facts != facts)
    build_embed_index(facts);
  for (int k = 0; k < embed_index.n; k++) {
    int i = (last + k) % embed_index.n;
    if (embed_index.order[i] == fn)
      return last = i;
  }
  unreachable();
}

// Whether fn has a local or parameter of that name: a set of their names,
// made once per function (each await asks; functions are asked in turn).
static bool local_named(const Source *src, const AsyncFn *fn, const char *name, int len) {
  static struct {
    const AsyncFn *fn;
    int nvars;
    const Var **slots;
    unsigned cap;
  } set;
  const Analysis *an = fn->an;
  if (set.fn != fn || set.nvars != an->vars.len) {
    set.fn = fn;
    set.nvars = an->vars.len;
    set.cap = 16;
    while (set.cap < 2u * an->vars.len + 2)
      set.cap *= 2;
    set.slots = arena_alloc(sizeof *set.slots * set.cap);
    for (int i = 0; i < an->vars.len; i++) {
      const Var *v = an->vars.data[i];
      unsigned h = text_hash(src->text + v->name_off, v->name_len) & (set.cap - 1);
      while (set.slots[h])
        h = (h + 1) & (set.cap - 1);
      set.slots[h] = v;
    }
  }
  for (unsigned h = text_hash(name, len) & (set.cap - 1); set.slots[h]; h = (h + 1) & (set.cap - 1)) {
    const Var *v = set.slots[h];
    if (v->name_len == len && !memcmp(src->text + v->name_off, name, len))
      return true;
  }
  return false;
}

static AsyncFn *callee_to_embed(Source *src, Facts *facts, AsyncFn *fn, Node *a) {
  Node *call = a->lhs;
  if (!call || call->kind != ND_CALL || !call->lhs || call->lhs->kind != ND_IDENT)
    return NULL;
  const char *name = src->text + call->lhs->name_off;
  int len = call->lhs->name_len;
  int tok = tok_at(facts->tokens, call->lhs->name_off);
  if (tok < 0 || (facts->tokens->toks[tok].flags & TF_MACRO))   // a macro of that name
    return NULL;
  if (local_named(src, fn, name, len))
    return NULL;
  EmbedEntry *e = embeddable_named(facts, name, len);
  return e && e->pos < fn_position(facts, fn) ? e->fn : NULL;
}

void lower_plan_embedding(Source *src, Facts *facts) {
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next)
    for (int i = 0; fn->body && fn->an && i < fn->an->awaits.len; i++) {
      AsyncFn *c = callee_to_embed(src, facts, fn, fn->an->awaits.data[i]);
      if (c)
        c->embeddable = true;
    }
}

// The function whose frame fn embeds at await a, if any (as planned:
// asyncc --no-embed plans none).
static AsyncFn *embedded_callee(Source *src, Facts *facts, AsyncFn *fn, Node *a) {
  AsyncFn *c = callee_to_embed(src, facts, fn, a);
  return c && c->embeddable ? c : NULL;
}

// The call `c(args)` (linearised as op) redirected to c's ramp with room
// for its frame, or NULL if op does not read as such a call.
static char *embedded_call(AsyncFn *c, const char *op, const char *room) {
  op = unanchored(op, -1);
  size_t n = strlen(c->name);
  if (strncmp(op, c->name, n))
    return NULL;
  const char *p = op + n;
  while (isspace((unsigned char)*p))
    p++;
  if (*p++ != '(')
    return NULL;
  const char *q = p;
  while (isspace((unsigned char)*q))
    q++;
  return arena_printf("%s__ramp(%s%s%s", c->name, room, *q == ')' ? "" : ", ",
                      *q == ')' ? q : p);
}

// Where await e's callee may box its frame here: in this frame in a resume
// function or when allocated on entry, else (the ramp's call, no frame
// yet) in the room this function was given (see above), else NULL (the
// callee allocates).
static char *callee_room(Lower *L, AsyncFn *c) {
  if (L->an->heap_at_entry)
    return arena_printf("&ac__fr->ac__callee.%s", c->name);
  return arena_printf("AC__ROOM%s(%s)", L->fn->embeddable ? "" : "_NEW", c->name);
}

// await ac_yield() (the runtime's function, not a macro): its future's
// task is the static yield sentinel, so the resume point frees nothing: no
// call there, and no registers saved around one (docs/performance.md).
static bool awaits_yield(Lower *L, Node *e) {
  Node *call = e->lhs;
  if (!call || call->kind != ND_CALL || call->args || !call->lhs ||
      call->lhs->kind != ND_IDENT || call->lhs->name_len != 8 ||
      memcmp(L->src->text + call->lhs->name_off, "ac_yield", 8))
    return false;
  int tok = tok_at(L->facts->tokens, call->lhs->name_off);
  return tok >= 0 && !(L->facts->tokens->toks[tok].flags & TF_MACRO);
}

// --- the ABI's fragments -----------------------------------------------------
//
// Each piece of the shape docs/abi.md §5 describes is printed by one
// function, so the shape changes in one place: here the await (put_await,
// one AC__AWAIT line) and completion (put_complete, put_finish); with the
// frame's layout code, the frame struct (gen_frame); with the function,
// the run function's entry (put_run_entry), the ramp and the resume
// functions (put_entries).

// Await k suspends (its future ac__fK is not complete): in the ramp's call
// (state 0) the frame is boxed first (C#'s boxing: allocated now, the
// parameters that are never written saved once, AC__BOX), then the live
// locals are saved, the state set (the header's resume function) and the
// awaited task registered (ac__suspend).  Registered: return the pending
// future (the ramp's caller gets it; a resume function ignores it).
// Completed meanwhile: the ramp goes on in the state's resume function and
// returns the future all the same (so that the ramp's code ends at its
// first suspension: a loop of awaits keeps its registers,
// docs/lowering.md), a resume function goes on where it is.  The resume
// label copies the live locals back, skipped by a suspension that found
// the task completed (the locals still hold their values, and the C
// compiler keeps a loop's induction variable in its register,
// docs/lowering.md, "Size of the output"); then, on both paths, the value
// is taken into v (AC__AWAIT_VALUE) and the awaited task freed (unless its
// frame is embedded in this one, callee's; nothing for ac_yield's).
static void put_await(Lower *L, Node *e, int k, const char *v, AsyncFn *callee,
                      bool local) {
  // With one await, the box sets the resume function once, not each
  // suspension (ac__suspend's NULL).
  bool one = L->an->awaits.len == 1;
  const char *resume = one ? "0" : resume_entry(L, k);
  char *box = "0", *boxed = "", *copies = "";
  if (L->locals) {
    const char *mem = L->fn->embeddable ? "ac__mem" : "0";
    box = one ? arena_printf("AC__BOX1(%s, %s)", mem, resume_entry(L, k))
              : arena_printf("AC__BOX(%s)", mem);
    boxed = copies_text(L, e, k, COPY_BOXED);
    copies = copies_text(L, e, k, COPY_OUT);
  }
  const char *take = "";
  if (callee)
    take = arena_printf("AC__FREE_CALLEE(ac__fr, %s);", callee->name);
  else if (!awaits_yield(L, e))
    take = "ac__task_free(ac__fr->ac__awaiting);";
  char *head = v ? arena_printf("AC__AWAIT_%s(%d, %s, %s,", local ? "LOCAL" : "VALUE", k, v, resume)
                 : arena_printf("AC__AWAIT(%d, %s,", k, resume);
  const char *args[] = {box, boxed, copies, take};
  size_t len = strlen(head);
  for (int i = 0; i < 4; i++)
    len += strlen(args[i]) + 2;
  if (L->indent + len <= 100) {
    gen_line(L, "%s %s, %s, %s, %s)", head, box, boxed, copies, take);
    return;
  }
  // Too long for one line: the box and the lists on the next, the rest
  // after them (a list cut between its items where it would pass 100).
  gen_line(L, "%s", head);
  char *rest = arena_printf("%s, %s, %s,", box, boxed, copies);
  int room = 100 - L->indent - 4;
  const char *p = rest;
  while ((int)strlen(p) > room) {
    const char *cut = NULL;
    for (const char *q = p; (q = strstr(q, ")(")) && q + 1 - p <= room; q++)
      cut = q + 1;
    if (!cut)
      break;   // one item longer than a line: left long
    gen_line(L, "    %.*s", (int)(cut - p), p);
    p = cut;
  }
  if ((int)(strlen(p) + 1 + strlen(take) + 1) <= room)
    gen_line(L, "    %s %s)", p, take);
  else {
    gen_line(L, "    %s", p);
    gen_line(L, "    %s)", take);
  }
}

// The function's end, its result in ac__r (unless void): in the ramp's
// call (state 0: it never suspended, there is no frame, or one allocated on
// entry and never published) a completed future, freeing a frame allocated
// on entry; in a resume function the result written to the frame (it
// shares its bytes with the locals ac__r was computed from, hence the
// local) and the task completed.
static void put_finish(Lower *L) {
  bool is_void = L->fn->result_is_void;
  const char *value = is_void ? "{ 0 }" : "{ .value = ac__r }";
  if (L->locals) {   // one line (asyncc.h)
    gen_line(L, is_void ? "AC__COMPLETE_VOID;" : "AC__COMPLETE(ac__r);");
    return;
  } else {
    gen_line(L, "if (!ac__state) {");
    gen_line(L, "  ac__frame_free(ac__fr);");
    gen_line(L, "  return (ac__fut)%s;", value);
    gen_line(L, "}");
  }
  if (!is_void)
    gen_line(L, "ac__fr->ac__result = ac__r;");
  gen_line(L, "return (ac__fut){ .task = ac__task_completed(&ac__fr->ac__hdr) };");
}

// `return v;` (v NULL: no value), after the user's statement's own text
// has started its line.  A function without awaits returns a completed
// future at once; the cleanups run after the value is computed (before the
// result overwrites the locals' bytes).
static void put_cleanups(Lower *L, int from, int keep);

static void put_complete(Lower *L, const char *v) {
  bool is_void = L->fn->result_is_void;
  if (!L->an->awaits.len) {
    if (is_void && v)
      put(L, "(void)(%s); ", v);
    if (!is_void && L->cleanups.len) {   // the value before the cleanups
      put(L, "__typeof__(((%s *)0)->value) ac__r = (%s); ", L->fut, v);
      v = "ac__r";
    }
    put_cleanups(L, 0, -1);
    if (is_void)
      put(L, "return (%s){ 0 };", L->fut);
    else
      put(L, "return (%s){ .value = (%s) };", L->fut, v);
    return;
  }
  if (is_void && v)
    put(L, "(void)(%s);", v);
  else if (!is_void)
    put(L, "__typeof__(ac__fr->ac__result) ac__r = (%s);", v);
  if (L->cleanups.len) {   // before the result overwrites the locals' bytes
    put(L, " ");
    put_cleanups(L, 0, -1);
  }
  put_finish(L);
}

// What a state's comment calls await e: its text on one line, cut at 40
// characters, with nothing that could end the comment.
static char *await_label(Lower *L, Node *e, int room) {
  char buf[64];
  int n = 0;
  bool space = false;
  const char *t = L->src->text;
  int max = room < 12 ? 12 : room > 40 ? 40 : room;
  for (int i = e->off; i < e->end && n < max; i++) {
    unsigned char c = t[i];
    if (c == '/' && i + 1 < e->end && (t[i + 1] == '*' || t[i + 1] == '/')) {   // a comment
      const char *close = t[i + 1] == '*' ? "*/" : "\n";
      while (i + 1 < e->end && memcmp(t + i, close, strlen(close)))
        i++;
      i += strlen(close) - 1;
      space = n > 0;
      continue;
    }
    if (isspace(c)) {
      space = n > 0;
      continue;
    }
    if (space)
      buf[n++] = ' ';
    space = false;
    if (c < 0x20 || c >= 0x7f || (c == '/' && n && buf[n - 1] == '*') ||
        (c == '*' && n && buf[n - 1] == '/'))
      c = '?';
    buf[n++] = c;
  }
  bool cut = n >= max;
  n = n > max ? max : n;   // a space before the last character took one more
  buf[n] = 0;
  return arena_printf("%s%s", buf, cut ? "..." : "");
}

// An await; with discard, its value is not used (`await f();`).  A state of
// its own: a comment, the operand (on the user's line), then the
// suspension, and in the resume function the label it resumes at.
static char *lin_await(Lower *L, Node *e, bool discard) {
  int mark = L->pending.len;
  char *op = lin(L, e->lhs);
  consume(L, mark);
  AsyncFn *callee = embedded_callee(L->src, L->facts, L->fn, e);
  char *room = callee ? callee_room(L, callee) : NULL;
  int k = ++L->nawaits;
  char *embedded = room ? embedded_call(callee, op, room) : NULL;
  const Fact *f = e->fact;
  bool is_void = discard || !f || !strcmp(f->ctype, "void");
  // Its lines map to its source line (docs/lowering.md, "Line mapping"):
  // its text in a comment (on the line the output is at), the future made,
  // then the AC__AWAIT line.
  int line, col;
  source_pos(L->src, e->off, &line, &col);
  char *head = arena_printf("/* state %d: ", k);
  int width = 100 - L->indent - (int)strlen(head) - 3;
  char *label = arena_printf("%s%s */", head, await_label(L, e, width));
  if (!L->in_gen && L->col && L->vline + 1 >= line && L->col + 1 + strlen(label) <= 100)
    put(L, " %s", label);   // the line it would take is the await's: after
  else {                    // the text there (a comment maps to any line)
    newline(L);
    put(L, "%*s%s\n", L->indent, "", label);
  }
  if (embedded)   // where the callee's frame may go
    op = embedded;
  L->await_line = line;
  user_line(L, e->off, "__auto_type ac__f%d = (%s);", k, op);
  char *v = NULL;
  int t = -1;
  if (!is_void) {
    t = new_temp(L, e->off);
    v = temp_name(L, t);
  }
  L->await_line = line;   // v declared by the AC__AWAIT line (_LOCAL) unless in the frame
  put_await(L, e, k, v, embedded ? callee : NULL, t >= 0 && temp_is_local(L, t));
  L->await_line = 0;
  if (t < 0)
    return "((void)0)";
  temp_ready(L, t);
  return v;
}

// a && b, a || b with an await in b: b runs only when C says so.
static char *lin_logical(Lower *L, Node *e, bool is_and) {
  int mark = L->pending.len;
  char *a = lin(L, e->lhs);
  consume(L, mark);
  int t = new_temp(L, e->off);
  char *T = temp_name(L, t);
  if (temp_is_local(L, t))
    gen_line(L, "int %s;", T);
  user_line(L, e->lhs->off, "%s = !!(%s);", T, a);
  gen_line(L, "if (%s%s) {", is_and ? "" : "!", T);
  L->indent += 2;
  mark = L->pending.len;
  char *b = lin(L, e->rhs);
  consume(L, mark);
  user_line(L, e->rhs->off, "%s = !!(%s);", T, b);
  L->indent -= 2;
  gen_line(L, "}");
  temp_ready(L, t);
  return T;
}

// c ? x : y (or GNU c ?: y) with an await in x or y.
static char *lin_cond(Lower *L, Node *e) {
  int mark = L->pending.len;
  char *c = lin(L, e->cond);
  consume(L, mark);
  bool is_void = !e->fact || !strcmp(e->fact->ctype, "void");
  int t = -1;
  char *T = NULL;
  if (!is_void) {
    t = new_temp(L, e->off);
    T = temp_name(L, t);
    if (temp_is_local(L, t))
      gen_line(L, "__typeof__(%s) %s;", plain_type(L, e->fact->ctype), T);
  }
  if (e->then) {
    user_line(L, e->cond->off, "if (%s) {", c);
  } else {   // c ?: y: the condition's value is the result
    user_line(L, e->cond->off, "%s = (%s);", T, c);
    gen_line(L, "if (!%s) {", T);
  }
  Node *branches[2] = {e->then, e->els};
  for (int i = e->then ? 0 : 1; i < 2; i++) {
    L->indent += 2;
    mark = L->pending.len;
    char *x = lin(L, branches[i]);
    consume(L, mark);
    if (T)
      user_line(L, branches[i]->off, "%s = (%s);", T, x);
    else
      user_line(L, branches[i]->off, "(void)(%s);", x);
    L->indent -= 2;
    gen_line(L, i == 0 ? "} else {" : "}");
  }
  if (t < 0)
    return "((void)0)";
  temp_ready(L, t);
  return T;
}
static void gen_stmt(Lower *L, Node *s);
static void end_cleanup_scope(Lower *L, int from, Node *last);

// ({ ... }) holding an await.  A goto cannot enter a statement expression,
// so its statements are hoisted: they run where it stands, in a block of
// their own (its locals' scope), and its value, that of its last statement
// (an expression), goes to a temporary declared before the block.  This is
// where C evaluates it: lin runs the code of an operand of && || ?: only
// when C would (lin_logical, lin_cond), and the awaits of an expression and
// what they need first.  With discard (a statement of its own) the block
// is all.
static char *lin_stmt_expr(Lower *L, Node *e, bool discard) {
  Node *last = e->body->body;
  while (last && last->next)
    last = last->next;
  bool value = !discard && e->fact && strcmp(e->fact->ctype, "void") && last &&
               last->kind == ND_EXPR_STMT && last->lhs;
  int t = -1;
  char *T = NULL;
  if (!discard && last && last->kind == ND_LABEL) {
    diag_error(last->off, "a labelled last statement in a statement expression that awaits: "
               "its value is taken from an expression statement; put the label before a "
               "statement of its own");
    return "((void)0)";
  }
  if (value && e->fact->type_decl_off >= e->off && e->fact->type_decl_off < e->end) {
    diag_error(e->off, "the value of this statement expression has a type declared inside "
               "it, which the temporary that holds it across the await cannot name: declare "
               "the type before the statement expression");
    return "((void)0)";
  }
  if (value) {
    t = new_temp(L, e->off);
    T = temp_name(L, t);
    if (temp_is_local(L, t))
      gen_line(L, "__typeof__(%s) %s;", plain_type(L, e->fact->ctype), T);
  }
  bool breaks = L->anchors_break;
  int from = L->cleanups.len;
  gen_line(L, "{");
  L->indent += 2;
  for (Node *item = e->body->body; item; item = item->next) {
    if (item == last && value) {
      int mark = L->pending.len;
      L->anchors_break = breaks;
      char *x = lin(L, last->lhs);
      consume(L, mark);
      user_line(L, last->lhs->off, "%s = (%s);", T, x);
    } else {
      gen_stmt(L, item);
    }
  }
  end_cleanup_scope(L, from, last);
  L->indent -= 2;
  gen_line(L, "}");
  L->anchors_break = breaks;
  if (t < 0)
    return "((void)0)";
  temp_ready(L, t);
  return T;
}

// Linearises e: generates the code of its awaits (and of what must run
// before them) and returns the text that computes the rest of e.
static char *lin(Lower *L, Node *e) {
  if (!node_has_await(e))
    return src_text_at(L, e->off, e->end, true);
  switch (e->kind) {
  case ND_AWAIT:
    return lin_await(L, e, false);
  case ND_BINARY:
    if (node_has_await(e->rhs) && (op_is(L, e, "&&") || op_is(L, e, "||")))
      return lin_logical(L, e, op_is(L, e, "&&"));
    break;
  case ND_COND:
    if (node_has_await(e->then) || node_has_await(e->els))
      return lin_cond(L, e);
    break;
  case ND_COMMA: {
    int mark = L->pending.len;
    char *a = lin(L, e->lhs);
    consume(L, mark);
    user_line(L, e->lhs->off, "(void)(%s);", a);
    return lin(L, e->rhs);
  }
  case ND_STMT_EXPR:
    return lin_stmt_expr(L, e, false);
  default:
    break;
  }
  return rebuild(L, e);
}

// Linearises a full expression and returns its final text; every
// temporary is used by then.  Relative to the pending temporaries of an
// expression around it (a statement expression's statements are full
// expressions inside one).
static char *lin_full(Lower *L, Node *e) {
  allow_breaks(L, e->off, e->end);
  int mark = L->pending.len;
  char *t = lin(L, e);
  consume(L, mark);
  return t;
}

// --- statements ---------------------------------------------------------------

// --- cleanup attributes ---------------------------------------------------------
//
// A local with __attribute__((cleanup(f))) and an await in its scope
// (Var.cleanup) loses the attribute in the generated code: the ramp returns
// from inside its scope when it suspends, which must not run f, and the
// resume function's goto to a resume label would enter its scope, which
// clang refuses.  f(&x) is called instead on each way out of the scope, as
// C does: the end of its block, a break, continue or goto that leaves it,
// a return (after its value is computed).  A suspended task is never freed
// before it runs to its end (a cancelled one resumes with -ECANCELED), so
// these are all the exits.

// Where hoisted v is in the code being generated: as build_substitutions
// rewrites a use of it.
static char *var_access(Lower *L, Var *v) {
  if (!v->hoisted || in_register(L, v))
    return v->hoisted ? ramp_name(L, v) : arena_strndup(L->src->text + v->name_off, v->name_len);
  if (v->fact->local_type)
    return arena_printf("(*(ac__T_%s *)ac__fr->%s)", v->field, v->field);
  return arena_printf("ac__fr->%s", v->field);
}

// Calls the cleanups of the generated declarations from the innermost down
// to index from, those whose scope does not hold offset keep (-1: none).
static void put_cleanups(Lower *L, int from, int keep) {
  for (int i = L->cleanups.len - 1; i >= from; i--) {
    Var *v = L->cleanups.data[i];
    if (keep >= v->name_off && keep < v->scope_end)
      continue;
    put(L, "%s(&%s); ", v->fact->cleanup_fn, var_access(L, v));
  }
}

static bool cleanups_between(Lower *L, int from, int keep) {
  for (int i = L->cleanups.len - 1; i >= from; i--) {
    Var *v = L->cleanups.data[i];
    if (!(keep >= v->name_off && keep < v->scope_end))
      return true;
  }
  return false;
}

// The end of a block whose declarations from index from on were generated:
// their cleanups, innermost first, on a generated line; none after a last
// statement that never ends (a jump ran them; a loop without end never
// gets there), which would only be dead code that gcc's
// -Wimplicit-fallthrough and -Wreturn-type take for a way out.
static bool finds_break(Node *n, void *ctx) {
  if (n->kind == ND_BREAK)
    *(bool *)ctx = true;
  return true;
}

// Whether control never leaves s at its end: a jump, a labelled one, or a
// loop whose condition is absent or the literal 1 and whose body has no
// break at all (a break of an inner loop or switch counts too: the answer
// may be "it ends" when it does not, never the other way).
static bool never_ends(Lower *L, Node *s) {
  if (!s)
    return false;
  switch (s->kind) {
  case ND_BREAK: case ND_CONTINUE: case ND_GOTO: case ND_RETURN:
    return true;
  case ND_LABEL:
    return never_ends(L, s->body);
  case ND_FOR: case ND_WHILE: case ND_DO: {
    Node *c = s->cond;
    bool forever = c ? c->kind == ND_LITERAL && c->end - c->off == 1 &&
                           L->src->text[c->off] == '1'
                     : s->kind == ND_FOR;
    bool breaks = false;
    if (forever)
      node_walk(s->body, finds_break, NULL, &breaks);
    return forever && !breaks;
  }
  default:
    return false;
  }
}

static void end_cleanup_scope(Lower *L, int from, Node *last) {
  bool jumps = never_ends(L, last);
  if (L->cleanups.len > from && !jumps) {
    mark_gen(L, false);
    newline(L);
    put(L, "%*s", L->indent, "");
    put_cleanups(L, from, -1);
  }
  L->cleanups.len = from;
}

// The offset of the label named as goto g names it, or -1.
typedef struct { Lower *L; Node *g; int off; } LabelFind;

static bool find_label(Node *n, void *ctx) {
  LabelFind *f = ctx;
  if (n->kind == ND_LABEL && f->off < 0 && n->name_len == f->g->name_len &&
      !memcmp(f->L->src->text + n->name_off, f->L->src->text + f->g->name_off, n->name_len))
    f->off = n->off;
  return true;
}

// break, continue or goto that leaves the scope of a cleanup: the cleanups,
// then the jump, in braces on the jump's line.  Returns false when none.
static bool gen_jump_with_cleanups(Lower *L, Node *s) {
  int from = 0, keep = -1;
  if (s->kind == ND_BREAK && L->cleanup_breaks.len)
    from = L->cleanup_breaks.data[L->cleanup_breaks.len - 1];
  else if (s->kind == ND_CONTINUE && L->cleanup_conts.len)
    from = L->cleanup_conts.data[L->cleanup_conts.len - 1];
  else if (s->kind == ND_GOTO) {
    if (s->name_off < 0)
      return false;   // computed goto: refused in a function that awaits
    LabelFind f = {L, s, -1};
    node_walk(L->fn->body, find_label, NULL, &f);
    keep = f.off;
  }
  if (!cleanups_between(L, from, keep))
    return false;
  sync_line(L, s->off);
  put(L, "{ ");
  put_cleanups(L, from, keep);
  if (s->kind == ND_CONTINUE && L->cont_label) {
    put(L, "goto ac__continue_%d; }", L->cont_label);
    L->cont_used = true;
  } else {
    put(L, "%s }", src_text(L, s->off, s->end));
  }
  return true;
}

// `return E;` completes the future.  Always one statement (in braces), as
// it may be the body of an if.
static void gen_return(Lower *L, Node *r) {
  Node *e = r->lhs;
  // An operand without await is copied whole, its directives with it.
  const char *what = "a return of an async function";
  if (e && !node_has_await(e)) {
    refuse_directives(L, r->off, e->off, what);
    refuse_directives(L, e->end, r->end, what);
  } else
    refuse_directives(L, r->off, r->end, what);
  int saved = open_brace(L, r->off);
  char *v = e ? lin_full(L, e) : NULL;
  sync_stmt(L, r->off);
  put_complete(L, v);
  close_brace(L);
  L->indent = saved;
}

// A hoisted local's declaration in a ramp with plain locals, renamed if
// need be.  One without initializer is zeroed: the copy at a suspension may
// read it before the code assigns it (a loop's first round), which must not
// be indeterminate (_Atomic types take no braces in clang: memset).
// The declarator (with its initializer) of such a local; *after gets what
// must follow the declaration (the memset of an _Atomic one).
static char *ramp_declarator(Lower *L, Node *v, Var *var, const char *init, char **after) {
  int name_end = v->name_off + v->name_len;
  char *name = ramp_name(L, var);
  char *decl = arena_printf("%s%s%s", src_text(L, v->off, v->name_off), name,
                            src_text(L, name_end, v->init ? v->init->off : v->end));
  *after = "";
  if (init)
    return arena_printf("%s%s%s", decl, init, src_text(L, v->init->end, v->end));
  // An array too: gcc -O2 -Wuninitialized sees the copy of one whose
  // elements are all written after the await (the copy costs as much).
  if (var->fact->is_atomic) {
    *after = arena_printf(" __builtin_memset((void *)&%s, 0, sizeof %s);", name, name);
    return decl;
  }
  return arena_printf("%s = {0}", decl);
}

static void put_ramp_decl(Lower *L, const char *spec, Node *v, Var *var, const char *init) {
  char *after;
  char *decl = ramp_declarator(L, v, var, init, &after);
  put(L, "%s %s;%s", spec, decl, after);
}

// Whether declaration d defines the type of its declarators (struct T
// {...} a, b; enum { A, B } e;).
static bool decl_defines_type(Lower *L, Node *d) {
  for (Node *v = d->body; v && d->type_off >= 0; v = v->next) {
    const Fact *f = v->kind == ND_VAR ? facts_var_at(L->facts, v->name_off) : NULL;
    if (f && f->type_decl_off >= d->type_off && f->type_decl_off < d->type_end)
      return true;
  }
  return false;
}

// Whether a name in d's initializers refers to what d's specifiers declare
// (an enum constant): the awaits run before the declaration.
static bool refers_to_spec(Lower *L, Node *d) {
  for (int i = facts_lower_bound(L->facts, d->type_end); i < L->facts->facts.len; i++) {
    const Fact *f = &L->facts->facts.data[i];
    if (f->off >= d->end)
      break;
    if (f->kind == FK_DECLREF &&
        f->ref_off >= d->type_off && f->ref_off < d->type_end)
      return true;
  }
  return false;
}

static bool decl_has_await(Node *d) {
  for (Node *v = d->body; v; v = v->next)
    if (v->kind == ND_VAR && v->init && node_has_await(v->init))
      return true;
  return false;
}

// A declaration that defines a type and has no await: one statement, as
// written, its hoisted locals renamed and zeroed as in put_ramp_decl
// (split in one statement per declarator, each would define a type of
// its own).  Only where every hoisted local in it is a plain local.
static bool put_decl_whole(Lower *L, Node *d) {
  for (Node *v = d->body; v; v = v->next) {
    Var *var = v->kind == ND_VAR ? an_var_at(L->an, v->name_off) : NULL;
    if (v->kind != ND_VAR || (var && var->hoisted && !in_register(L, var)))
      return false;
  }
  sync_line(L, d->off);
  put(L, "%s ", src_text(L, d->type_off, d->type_end));
  char *afters = "";
  for (Node *v = d->body; v; v = v->next) {
    Var *var = an_var_at(L->an, v->name_off);
    char *after = "";
    char *decl = var && var->hoisted ? ramp_declarator(L, v, var, v->init ? src_text(L,
                     v->init->off, v->init->end) : NULL, &after) : src_text(L, v->off, v->end);
    put(L, "%s%s", v == d->body ? "" : ", ", decl);
    afters = arena_printf("%s%s", afters, after);
  }
  put(L, ";%s", afters);
  return true;
}

// The hoisted locals declared in a switch's body before its first case:
// such a declaration never runs, so a ramp with plain locals declares them
// (zeroed) before the switch instead, in a block around it.  Their names
// mean nothing else in the function (ramp_name), so the wider scope is
// safe.  Returns whether there were any.
// A declaration moved before its switch must mean there what it means in
// the switch's body: refused when the switch's controlling expression
// names something of the local's name (the moved local would hide it), or
// when the declaration uses a typedef or enum constant declared in the
// body before it (not visible before the switch).
static void check_prefix_move(Lower *L, Node *sw, Node *item, Var *var) {
  const char *text = L->src->text, *name = text + var->name_off;
  int len = var->name_len;
  for (int i = facts_lower_bound(L->facts, sw->cond->off); i < L->facts->facts.len; i++) {
    const Fact *f = &L->facts->facts.data[i];
    if (f->off >= sw->cond->end)
      break;
    if (f->kind == FK_DECLREF && f->end - f->off == len && !memcmp(text + f->off, name, len))
      diag_error(f->off, "'%.*s' is declared before the first case of this switch and lives "
                 "across an await: asyncc declares it before the switch, where it would hide "
                 "the '%.*s' of the switch's expression; rename it", len, name, len, name);
  }
  for (int i = facts_lower_bound(L->facts, item->off); i < L->facts->facts.len; i++) {
    const Fact *f = &L->facts->facts.data[i];
    if (f->off >= item->end)
      break;
    int decl = f->kind == FK_DECLREF ? f->ref_off : f->kind == FK_TYPEREF ? f->type_decl_off : -1;
    if (decl >= sw->body->off && decl < item->off)
      diag_error(f->off, "'%.*s' is declared before the first case of this switch and lives "
                 "across an await: asyncc declares it before the switch, where '%.*s', "
                 "declared in the switch's body, is not visible; declare that before the switch",
                 len, name, f->end - f->off, text + f->off);
  }
}

static bool put_switch_prefix_decls(Lower *L, Node *sw) {
  if (!L->locals || !sw->body || sw->body->kind != ND_BLOCK)
    return false;
  bool any = false;
  for (Node *item = sw->body->body; item; item = item->next) {
    if (item->kind == ND_CASE || item->kind == ND_DEFAULT)
      break;
    if (item->kind != ND_DECL)
      continue;
    for (Node *v = item->body; v; v = v->next) {
      Var *var = v->kind == ND_VAR ? an_var_at(L->an, v->name_off) : NULL;
      if (!var || !var->hoisted || !in_register(L, var))
        continue;
      check_prefix_move(L, sw, item, var);
      if (!any) {
        sync_line(L, sw->off);
        put(L, "{");
      }
      any = true;
      put(L, " ");
      put_ramp_decl(L, src_text(L, item->type_off, item->type_end), v, var, NULL);
    }
  }
  return any;
}

static char *declarator_text(Lower *L, Var *v, const char *name);
static bool field_is_bytes(const Var *v);

// The declaration of a frame field whose type only the function can name
// (field_is_bytes): a typedef of its type, `typedef SPEC DECLARATOR;` with
// the name ac__T_x, and the initializer, if any, copied into the bytes
// from a local of that type (which also takes a const type, an array or a
// string).  A typedef is no statement: the resume function's goto past it
// leaves the type known to the code after it.  *copy gets the copy, for a
// generated line of its own (or NULL).
static char *frame_typedef(Lower *L, const char *spec, Var *var, const char *init,
                           char **copy) {
  char *T = arena_printf("ac__T_%s", var->field);
  char *text = arena_printf("typedef %s %s;", spec, declarator_text(L, var, T));
  *copy = NULL;
  if (!init)
    return text;
  *copy = arena_printf("__builtin_memcpy(ac__fr->%s, &ac__v, sizeof ac__v); }", var->field);
  return arena_printf("%s { %s ac__v = %s;", text, T, init);
}

// A declaration that defines a type and is split in one statement per
// declarator, after the awaits of each initializer: split so, each would
// define the type again (struct T {...} a, b), and an await would run
// before the names its operand uses (enum { A, B } e = await id(B)).  The
// type comes first, as a typedef of the declaration's specifiers
// (`typedef enum { A, B } ac__D_e;`), which each declarator then names.
// Returns that name, or NULL when a typedef cannot repeat the specifiers.
static char *put_spec_typedef(Lower *L, Node *d, const char *spec) {
  for (Node *v = d->body; v; v = v->next) {
    const Fact *f = v->kind == ND_VAR ? facts_var_at(L->facts, v->name_off) : NULL;
    if (f && (f->is_register || f->align_text)) {
      diag_error(d->off, "this declaration defines a type for several locals, or one its "
                 "initializer uses, and says %s, which the typedef that declares the type "
                 "first cannot take: declare the type in a declaration of its own first",
                 f->is_register ? "'register'" : "an alignment");
      return NULL;
    }
  }
  char *name = arena_printf("ac__D_%.*s", d->body->name_len, L->src->text + d->body->name_off);
  sync_stmt(L, d->off);
  put(L, "typedef %s %s;", spec, name);
  return name;
}

// Whether v's initializer names v itself (`T *p = await alloc(sizeof *p)`):
// its awaits run before the declaration, where the name is not declared
// yet, so v is declared first and assigned after them.
static bool init_refers_to_self(Lower *L, Node *v) {
  for (int i = facts_lower_bound(L->facts, v->init->off); i < L->facts->facts.len; i++) {
    const Fact *f = &L->facts->facts.data[i];
    if (f->off >= v->init->end)
      break;
    if (f->kind == FK_DECLREF && f->ref_off == v->name_off)
      return true;
  }
  return false;
}

// Declares v without its initializer, before the initializer's awaits
// (init_refers_to_self); false, refused, when the value cannot be
// assigned after: an array, a const local, a brace list.
static bool declare_before_init(Lower *L, const char *spec, Node *v, Var *var, int at) {
  const Fact *f = facts_var_at(L->facts, v->name_off);
  const char *why = !f ? "its type is unknown" : f->is_array ? "it is an array"
                    : f->is_const ? "it is const" : L->src->text[v->init->off] == '{'
                    ? "its initializer is a brace list" : NULL;
  if (why) {
    diag_error(v->name_off, "the initializer of '%.*s' awaits and uses '%.*s' itself, so asyncc "
               "declares it before the await and assigns it after, which it cannot as %s: "
               "declare it first and assign it in a statement of its own", v->name_len,
               L->src->text + v->name_off, v->name_len, L->src->text + v->name_off, why);
    return false;
  }
  sync_stmt(L, at);
  const char *d = src_text(L, v->off, v->init->off);
  int n = strlen(d);
  while (n > 0 && (d[n - 1] == '=' || d[n - 1] == ' ' || d[n - 1] == '\t' || d[n - 1] == '\n'))
    n--;
  if (var && var->hoisted) {   // the declarator without " = ...", zeroed as ever
    Node bare = *v;
    bare.init = NULL;
    bare.end = v->off + n;
    put_ramp_decl(L, spec, &bare, var, NULL);
    return true;
  }
  put(L, "%s %.*s;", spec, n, d);
  return true;
}

static bool decl_needs_rewrite(Lower *L, Node *d) {
  for (Node *v = d->body; v; v = v->next) {
    if (v->kind != ND_VAR)
      continue;
    Var *var = an_var_at(L->an, v->name_off);
    if ((var && var->hoisted) || (v->init && node_has_await(v->init)))
      return true;
  }
  return false;
}

// A declaration with a hoisted variable or an await in an initializer:
// one statement per declarator, in order; a hoisted variable's declaration
// becomes an assignment to its frame field.
static void gen_decl(Lower *L, Node *d) {
  if (!decl_needs_rewrite(L, d)) {
    put_src(L, d->off, d->end);
    return;
  }
  if (decl_has_await(d))
    refuse_directives(L, d->off, d->end, "a declaration that awaits");
  else {   // each initializer is copied whole, its directives with it
    int from = d->off;
    for (Node *v = d->body; v; v = v->next)
      if (v->kind == ND_VAR && v->init) {
        refuse_directives(L, from, v->init->off, "the declaration of a local kept across an await");
        from = v->init->end;
      }
    refuse_directives(L, from, d->end, "the declaration of a local kept across an await");
  }
  if (decl_defines_type(L, d) && !decl_has_await(d) && !L->switch_prefix &&
      put_decl_whole(L, d))
    return;
  char *spec = src_text(L, d->type_off, d->type_end);
  if (decl_defines_type(L, d) && (d->body->next || (decl_has_await(d) && refers_to_spec(L, d))))
    spec = put_spec_typedef(L, d, spec);
  if (!spec)
    return;
  for (Node *v = d->body; v; v = v->next) {
    Var *var = an_var_at(L->an, v->name_off);
    int at = v == d->body ? d->off : v->off;   // the statement it becomes starts here
    bool in_frame = var && var->hoisted && !in_register(L, var);
    bool first = v->init && node_has_await(v->init) && !in_frame && !L->switch_prefix &&
                 init_refers_to_self(L, v);
    if (first && !declare_before_init(L, spec, v, var, at))
      return;
    int saved = L->indent;
    L->indent = indent_at(L, at);
    char *init = v->init ? lin_full(L, v->init) : NULL;
    L->indent = saved;
    if (first) {   // declared above: the value is assigned
      sync_stmt(L, at);
      put(L, "%s = %s;", var && var->hoisted ? ramp_name(L, var)
          : arena_printf("%.*s", v->name_len, L->src->text + v->name_off), init);
      continue;
    }
    if (!(var && var->hoisted && in_register(L, var) && L->switch_prefix) && !in_frame)
      sync_stmt(L, at);
    if (var && var->hoisted && in_register(L, var)) {
      if (!L->switch_prefix)   // else declared before the switch
        put_ramp_decl(L, spec, v, var, init);
    } else if (var && var->hoisted) {
      if (!init && !field_is_bytes(var))
        continue;
      char *f = var->field, *text, *copy = NULL;
      int aoff;
      // A brace list, written or made by a macro: a compound literal of
      // the field's type to assign, or the array's bytes to copy.
      bool braced = init && (init[anchor_at(init, &aoff)] == '{' || var->fact->init_is_list);
      if (field_is_bytes(var))
        text = frame_typedef(L, spec, var, init, &copy);
      else if (var->fact->is_array)
        text = arena_printf("__builtin_memcpy((void *)ac__fr->%s, (__typeof__(ac__fr->%s))%s%s%s,"
                            " sizeof ac__fr->%s);", f, f, braced ? "" : "{", init,
                            braced ? "" : "}", f);
      else if (braced)
        text = arena_printf("ac__fr->%s = (__typeof__(ac__fr->%s))%s;", f, f, init);
      else
        text = arena_printf("ac__fr->%s = (%s);", f, init);
      sync_fit(L, at, strlen(unanchored(text, -1)));
      put(L, "%s", text);
      if (copy)
        gen_line(L, "  %s", copy);
    } else if (init) {   // parentheses around the initializer are outside it
      put(L, "%s %s%s%s;", spec, src_text(L, v->off, v->init->off), init,
          src_text(L, v->init->end, v->end));
    } else {
      put(L, "%s %s;", spec, src_text(L, v->off, v->end));
    }
  }
}

// The text of s from `from` up to the child `kid`, then kid generated.
static void put_upto(Lower *L, int *pos, Node *kid) {
  put_src(L, *pos, kid->off);
  gen_stmt(L, kid);
  *pos = kid->end;
}

// Generates a loop body; with cont_label, returns whether a `continue`
// became a goto to it (the label is written only then).
static bool gen_body_of_loop(Lower *L, Node *body, int cont_label) {
  int saved = L->cont_label;
  bool saved_used = L->cont_used;
  L->cont_label = cont_label;
  L->cont_used = false;
  vec_push(&L->cleanup_breaks, L->cleanups.len);
  vec_push(&L->cleanup_conts, L->cleanups.len);
  gen_stmt(L, body);
  L->cleanup_breaks.len--;
  L->cleanup_conts.len--;
  bool used = L->cont_used;
  L->cont_label = saved;
  L->cont_used = saved_used;
  return used;
}

// Where the text between a rebuilt header and its statement starts: just
// after the header's last token.  Copying that gap keeps the comments and
// preprocessor lines written there (#if around an unbraced body).
static int header_end(Lower *L, Node *stmt) {
  TokenList *tl = L->facts->tokens;
  int i = tok_at(tl, stmt->off);
  i = i >= 0 ? tok_prev(tl, i) : -1;
  return i >= 0 ? tl->toks[i].off + tl->toks[i].len : stmt->off;
}

// A loop whose header holds no await: copied, its body generated.
static void gen_loop_as_written(Lower *L, Node *s) {
  put_src(L, s->off, s->body->off);
  gen_body_of_loop(L, s->body, 0);
  put_src(L, s->body->end, s->end);
}

// The text between a rewritten loop's header and its body, unless blank.
static void put_gap(Lower *L, int off, int end) {
  for (int i = off; i < end; i++)
    if (!isspace((unsigned char)L->src->text[i])) {
      put_src(L, off, end);
      return;
    }
}

// `if (!(cond)) { break; }` for a loop condition that awaits, on its line.
// The braces: a condition written over several lines would leave the
// loop's body, on the last of them, after an unbraced `break;`, which
// clang reads as misleading indentation.
static void put_loop_test(Lower *L, Node *cond) {
  char *c = lin_full(L, cond);
  user_line(L, cond->off, "if (!(%s))", c);
  put(L, " { break; }");
}

// Where a `continue` rewritten as `goto ac__continue_k` lands (when one did):
// before the awaiting increment or condition, which C runs next.
static void put_continue_label(Lower *L, int k, bool used) {
  if (!used)
    return;
  L->indent -= 2;
  gen_line(L, "ac__continue_%d:;", k);
  L->indent += 2;
}

static void gen_for(Lower *L, Node *s) {
  Var *iv = NULL;
  if (s->init && s->init->kind == ND_DECL)
    for (Node *v = s->init->body; v; v = v->next)
      if ((iv = an_var_at(L->an, v->name_off)) && iv->hoisted)
        break;
  bool hi = (s->init && node_has_await(s->init)) || (iv && iv->hoisted);
  bool hc = s->cond && node_has_await(s->cond);
  bool hn = s->inc && node_has_await(s->inc);
  if (!hi && !hc && !hn) {
    gen_loop_as_written(L, s);
    return;
  }
  refuse_directives(L, s->off, header_end(L, s->body), "the header of a for loop that asyncc "
                    "rebuilds (it awaits, or a local it declares is kept across an await)");
  if (hn)
    refuse_macro_changes(L, s->body);
  int saved = open_brace(L, s->off);
  if (s->init)
    gen_stmt(L, s->init);
  sync_stmt(L, s->off);
  put(L, "for (;");
  if (s->cond && !hc)
    put(L, " %s", src_text(L, s->cond->off, s->cond->end));
  put(L, ";");
  if (s->inc && !hn)
    put(L, " %s", src_text(L, s->inc->off, s->inc->end));
  put(L, ") {");
  L->indent = indent_at(L, s->off) + 4;
  if (hc)
    put_loop_test(L, s->cond);
  int k = hn ? ++L->nlabels : 0;
  put_gap(L, header_end(L, s->body), s->body->off);
  bool used = gen_body_of_loop(L, s->body, k);
  if (hn) {
    put_continue_label(L, k, used);
    char *n = lin_full(L, s->inc);
    user_line(L, s->inc->off, "(void)(%s);", n);
  }
  close_brace(L);
  close_brace(L);
  L->indent = saved;
}

// A while or do loop whose condition awaits: for (;;) with the condition
// tested where C tests it.
static void gen_loop_rewritten(Lower *L, Node *s, bool is_do) {
  if (is_do)
    refuse_directives(L, s->body->end, s->end, "the condition of a do loop that awaits");
  else
    refuse_directives(L, s->off, header_end(L, s->body), "the condition of a while loop that "
                      "awaits");
  int saved = L->indent;
  sync_line(L, s->off);
  put(L, "for (;;) {");
  L->indent = indent_at(L, s->off) + 2;
  int k = is_do ? ++L->nlabels : 0;
  if (!is_do)
    put_loop_test(L, s->cond);
  put_gap(L, header_end(L, s->body), s->body->off);
  bool used = gen_body_of_loop(L, s->body, k);
  if (is_do) {
    put_continue_label(L, k, used);
    put_loop_test(L, s->cond);
  }
  close_brace(L);
  L->indent = saved;
}

// After declaration d: its locals whose cleanup the lowering runs.
static void push_cleanups(Lower *L, Node *d) {
  for (Node *v = d->body; v; v = v->next) {
    Var *var = v->kind == ND_VAR ? an_var_at(L->an, v->name_off) : NULL;
    if (var && var->cleanup)
      vec_push(&L->cleanups, var);
  }
}

static void gen_stmt(Lower *L, Node *s) {
  if (!s)
    return;
  int pos = s->off;
  switch (s->kind) {
  case ND_BLOCK: {
    pos = s->off + tok_len(L->facts->tokens, s->off);   // `{` or `<%`
    put_src(L, s->off, pos);
    bool saved = L->switch_prefix;
    L->switch_prefix = s == L->switch_body;
    int from = L->cleanups.len;
    Node *last = NULL;
    for (Node *item = s->body; item; item = item->next) {
      if (item->kind == ND_CASE || item->kind == ND_DEFAULT)
        L->switch_prefix = false;
      put_upto(L, &pos, item);
      last = item;
    }
    L->switch_prefix = saved;
    end_cleanup_scope(L, from, last);
    put_src(L, pos, s->end);
    return;
  }
  case ND_DECL:
    gen_decl(L, s);
    push_cleanups(L, s);
    return;
  case ND_BREAK: case ND_CONTINUE: case ND_GOTO:
    if (gen_jump_with_cleanups(L, s))
      return;
    if (s->kind != ND_CONTINUE || !L->cont_label)
      break;
    sync_line(L, s->off);
    put(L, "goto ac__continue_%d;", L->cont_label);
    L->cont_used = true;
    return;
  case ND_EXPR_STMT: {
    if (!node_has_await(s->lhs))
      break;
    refuse_directives(L, s->off, s->end, "a statement that awaits");
    int saved = open_brace(L, s->off);
    if (s->lhs->kind == ND_AWAIT || s->lhs->kind == ND_STMT_EXPR) {   // no value used
      allow_breaks(L, s->lhs->off, s->lhs->end);
      if (s->lhs->kind == ND_AWAIT)
        lin_await(L, s->lhs, true);
      else
        lin_stmt_expr(L, s->lhs, true);
    } else {
      // The value of `a, b` or `c ? a : b` whose operands await is a
      // temporary, a statement with no effect (-Wunused-value) unless cast.
      bool no_effect = s->lhs->kind == ND_COMMA || s->lhs->kind == ND_COND;
      char *t = lin_full(L, s->lhs);
      sync_stmt(L, s->off);
      put(L, no_effect ? "(void)(%s);" : "%s;", t);
    }
    close_brace(L);
    L->indent = saved;
    return;
  }
  case ND_RETURN:
    gen_return(L, s);
    return;
  case ND_IF: {
    bool awaits = node_has_await(s->cond);
    int saved = L->indent;
    if (awaits) {
      refuse_directives(L, s->off, header_end(L, s->then), "the condition of an if that awaits");
      open_brace(L, s->off);
      char *c = lin_full(L, s->cond);
      sync_stmt(L, s->off);
      put(L, "if (%s)", c);
      pos = header_end(L, s->then);
    }
    put_upto(L, &pos, s->then);
    if (s->els)
      put_upto(L, &pos, s->els);
    put_src(L, pos, s->end);
    if (awaits) {
      L->indent = indent_at(L, s->off) + 2;
      close_brace(L);
    }
    L->indent = saved;
    return;
  }
  case ND_SWITCH: {
    bool wrapped = put_switch_prefix_decls(L, s);
    bool awaits = node_has_await(s->cond);
    int saved = L->indent;
    if (awaits) {
      refuse_directives(L, s->off, header_end(L, s->body), "the controlling expression of a "
                        "switch that awaits");
      open_brace(L, s->off);
      char *c = lin_full(L, s->cond);
      sync_stmt(L, s->off);
      put(L, "switch (%s)", c);
      pos = header_end(L, s->body);
    }
    Node *saved_body = L->switch_body;
    L->switch_body = s->body;
    vec_push(&L->cleanup_breaks, L->cleanups.len);
    put_upto(L, &pos, s->body);
    L->cleanup_breaks.len--;
    L->switch_body = saved_body;
    put_src(L, pos, s->end);
    L->indent = indent_at(L, s->off) + 2;
    if (awaits)
      close_brace(L);
    if (wrapped) {
      L->indent += 2;
      close_brace(L);
    }
    L->indent = saved;
    return;
  }
  case ND_WHILE:
  case ND_DO:
    if (!node_has_await(s->cond)) {
      gen_loop_as_written(L, s);
      return;
    }
    gen_loop_rewritten(L, s, s->kind == ND_DO);
    return;
  case ND_FOR:
    gen_for(L, s);
    return;
  case ND_LABEL: case ND_CASE: case ND_DEFAULT:
    if (s->body) {
      put_upto(L, &pos, s->body);
      put_src(L, pos, s->end);
      return;
    }
    break;
  default:
    break;
  }
  put_src(L, s->off, s->end);
}

// --- the function -------------------------------------------------------------

static char *future_name(Lower *L, const char *text) {
  char *decl;
  char *name = futures_name(L->facts, text, &decl);
  if (!strstr(L->preamble, decl))
    L->preamble = arena_printf("%s%s", L->preamble, decl);
  return name;
}

// --- ac_future(T) written in the file ----------------------------------------
//
// <asyncc.h> defines ac_future(T) as ac_future_##T, which serves a T of one
// word.  Any other T (char *, struct point) is rewritten to its declared
// name: inside an async function through the function's substitutions,
// elsewhere by an edit, with the declaration placed before the top-level
// declaration of the first use.

typedef struct {
  int off, end;     // `ac_future` to `)`
  char *type;       // T's text, one line
} FutureUse;

typedef VEC(FutureUse) FutureUses;

// Every ac_future(T) of the file with T of several words: found once (each
// function asks for its own).
static FutureUses future_uses(Source *src, TokenList *tl) {
  static const TokenList *cached_tl;
  static FutureUses cached;
  if (cached_tl == tl)
    return cached;
  FutureUses uses = {0};
  for (int i = 0; i + 2 < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    if (t->kind != TK_IDENT || (t->flags & TF_SKIPPED) || !scan_token_is(src, t, "ac_future") ||
        !scan_token_is(src, t + 1, "("))
      continue;
    int j = tok_match(src, tl, i + 1);
    if (j < 0)
      continue;
    if (j == i + 3 && tl->toks[i + 2].kind != TK_PUNCT)
      continue;   // one word: the macro does it
    char *type = "";
    for (int k = i + 2; k < j; k++)
      type = arena_printf("%s%s%.*s", type, k > i + 2 ? " " : "", tl->toks[k].len,
                          src->text + tl->toks[k].off);
    FutureUse u = {.off = t->off, .end = tl->toks[j].off + 1, .type = type};
    vec_push(&uses, u);
  }
  cached_tl = tl;
  cached = uses;
  return uses;
}

// Where the top-level declaration holding token u begins: after the last
// `;`, directive or function body at file scope before it.
static int decl_begin(Source *src, TokenList *tl, int u) {
  int at = 0;
  for (int i = 0; i < u; i++) {
    Token *t = &tl->toks[i];
    if (t->flags & TF_SKIPPED)
      continue;
    if (scan_token_is(src, t, "{")) {
      int close = tok_match(src, tl, i);
      if (close < 0 || close >= u)
        break;   // u is inside these braces
      int before = tok_prev(tl, i);
      if (before >= 0 && scan_token_is(src, &tl->toks[before], ")"))
        at = tl->toks[close].off + 1;   // a function body
      i = close;
    } else if (t->kind == TK_HASH_LINE || scan_token_is(src, t, ";")) {
      at = t->off + t->len;
    }
  }
  return at;
}

void lower_future_types(Source *src, Facts *facts, EditList *edits) {
  FutureUses uses = future_uses(src, facts->tokens);
  for (int i = 0; i < uses.len; i++) {
    FutureUse *u = &uses.data[i];
    bool inside = false;
    for (AsyncFn *fn = facts->fns; fn && !inside; fn = fn->next)
      inside = fn->body_off >= 0 ? u->off >= fn->decl_off && u->off < fn->body_end
                                 : u->off >= fn->async_off && u->off < fn->type_end;
    if (inside)
      continue;   // lower_function rewrites it
    char *decl;
    char *name = futures_name(facts, u->type, &decl);
    emit_edit(edits, u->off, u->end, name);
    if (*decl) {
      int at = decl_begin(src, facts->tokens, tok_at(facts->tokens, u->off));
      int line, col;
      source_pos(src, at, &line, &col);
      emit_edit(edits, at, at, arena_printf("\n%s%s", decl, source_line_directive(src, line) + 1));
    }
  }
}

// The uses inside fn become substitutions (declared in its preamble).
static void substitute_future_types(Lower *L) {
  FutureUses uses = future_uses(L->src, L->facts->tokens);
  int lo = 0, hi = uses.len;   // uses are in file order
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (uses.data[mid].off < L->fn->decl_off)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (int i = lo; i < uses.len && uses.data[i].off < L->fn->body_end; i++) {
    FutureUse *u = &uses.data[i];
    char *name = future_name(L, u->type);
    Subst s = {.off = u->off, .end = u->end, .text = name, .ramp_text = name};
    vec_push(&L->subst, s);
  }
}

// A type as libclang spells it (ac_future(char *) ...) as plain C can.
static char *plain_type(Lower *L, const char *type) {
  char *out = "";
  const char *p = type;
  for (const char *q; (q = strstr(p, "ac_future("));) {
    const char *e = text_close_paren(q + 9);
    if (!e)
      break;
    char *inner = arena_strndup(q + 10, e - q - 10);
    out = arena_printf("%s%.*s%s", out, (int)(q - p), p, future_name(L, plain_type(L, inner)));
    p = e + 1;
  }
  return arena_printf("%s%s", out, p);
}

static int by_subst_offset(const void *a, const void *b) {
  const Subst *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

// The result type as written, without attributes (header.c's range).
// Its top-level qualifiers are dropped (C17 6.7.6.3p5: a function's
// result is never qualified), so that `async const int f()` completes an
// ac_future_int whose value it can write.
static bool is_top_qualifier(Lower *L, int i) {
  TokenList *tl = L->facts->tokens;
  Token *t = &tl->toks[i];
  if (t->kind != TK_KEYWORD || !(scan_token_is(L->src, t, "const") ||
                                 scan_token_is(L->src, t, "volatile") ||
                                 scan_token_is(L->src, t, "restrict") ||
                                 scan_token_is(L->src, t, "_Atomic")))
    return false;
  for (int j = i + 1; j < tl->ntoks && tl->toks[j].off < L->fn->type_end; j++)
    if (tl->toks[j].kind == TK_PUNCT && !(tl->toks[j].flags & TF_SKIPPED))
      return false;   // a `*` after it, or a declarator form left as it is
  return !scan_token_is(L->src, t + 1, "(");   // _Atomic(T) is a specifier
}

static char *result_text(Lower *L) {
  TokenList *tl = L->facts->tokens;
  char *t = "";
  int pos = L->fn->type_off;
  for (int i = tok_at(tl, L->fn->type_off);
       i >= 0 && i < tl->ntoks && tl->toks[i].off < L->fn->type_end; i++)
    if (!(tl->toks[i].flags & TF_SKIPPED) && is_top_qualifier(L, i)) {
      t = arena_printf("%s%s", t, src_text(L, pos, tl->toks[i].off));
      pos = tl->toks[i].off + tl->toks[i].len;
    }
  t = arena_printf("%s%s", t, src_text(L, pos, L->fn->type_end));
  while (*t == ' ')
    t++;
  for (char *p = t; *p; p++)   // one line, single spaces
    if (*p == '\n' || *p == '\t' || *p == '\r')
      *p = ' ';
  return t;
}

// The generated number of the await that is analyse.c's number i.
static int await_number(Lower *L, int i) {
  Node *a = L->an->awaits.data[i - 1];
  for (int k = 0; k < L->plan->awaits.len; k++)
    if (L->plan->awaits.data[k] == a)
      return k + 1;
  return i;
}

// A variable's declarator without its initializer, its name replaced by
// name.
static char *declarator_text(Lower *L, Var *v, const char *name) {
  Node *n = v->node;
  int end = n->init ? n->init->off : n->end;
  char *t = src_text(L, n->off, end);
  int len = strlen(t);
  while (len > 0 && (t[len - 1] == ' ' || t[len - 1] == '=' || t[len - 1] == '\t'))
    t[--len] = 0;
  int at = v->name_off - n->off;
  return arena_printf("%.*s%s%s", at, t, name, t + at + v->name_len);
}

// --- the frame's layout -------------------------------------------------------
//
// The hoisted locals and spilled temporaries go in one area after
// ac__awaiting, each at the offset layout.c chose: two share bytes when
// their values are never needed at once (live-range interference).  Slots
// that do not overlap go in one struct, in offset order, with padding
// where the layout leaves a gap; when some overlap, an anonymous union of
// such structs (C11 anonymous members keep the access ac__fr->name).  A
// field's alignment is its slot's, which divides its offset, so padding
// up to the offset puts it there exactly.  A struct's first slot is the
// most aligned (layout.c places those first), so without a union the area
// starts, like the union, at ac__awaiting's end aligned to the area's.

static long align_up(long n, long a) {
  return a > 1 ? (n + a - 1) / a * a : n;
}

// The _Alignas(...) and __attribute__((aligned...)) written on a local, on
// its field: the alignment layout.c gave it (16, the most a frame allows,
// since libclang does not tell the number written), then the alignment as
// written, which keeps the object's alignment (C11 6.7.5) or, when it is
// over 16, makes the frame's _Static_assert refuse the function: a frame
// is only 16-byte aligned.
static char *alignment_text(const FrameSlot *s) {
  const char *written = s->var->fact->align_text;
  return written ? arena_printf("_Alignas(%ld) %s", s->align, written) : "";
}

// Whether v's frame field is raw bytes: a local whose type the file scope
// cannot name.  Only the copies at suspensions and resume labels touch the
// bytes of a copied one; one that stays a frame field is reached through
// its block-scope typedef (frame_typedef).
// A field the frame holds as bytes: a type the frame (at file scope)
// cannot name, or a struct with a flexible array member, which as a typed
// field would have to be the frame's last (clang refuses it elsewhere).
static bool field_is_bytes(const Var *v) {
  return v->fact->local_type || v->fact->has_flexible;
}

static int by_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

// The states a hoisted v is live across, in order, runs of three or more
// as ranges: "await 2", "awaits 1, 3", "awaits 1-16".
char *lower_live_states(Lower *L, const Var *v) {
  IntVec at = {0};
  for (int j = 0; j < v->live_at.len; j++)
    vec_push(&at, await_number(L, v->live_at.data[j]));
  qsort(at.data, at.len, sizeof(int), by_int);
  char *text = at.len == 1 ? "await" : "awaits";
  for (int j = 0, k; j < at.len; j = k + 1) {
    for (k = j; k + 1 < at.len && at.data[k + 1] == at.data[k] + 1;)
      k++;
    if (k - j >= 2)
      text = arena_printf("%s%s %d-%d", text, j ? "," : "", at.data[j], at.data[k]);
    else
      k = j, text = arena_printf("%s%s %d", text, j ? "," : "", at.data[j]);
  }
  return text;
}

// `T name;`: T itself when it is words and stars (`unsigned int`, `char *`),
// which a declarator can follow; __typeof__(T) for the rest (an array, a
// function pointer).
static char *field_decl(const char *align, const char *type, const char *name) {
  size_t n = strspn(type, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_ *");
  if (type[n] || !*type || *type == '*')
    return arena_printf("%s__typeof__(%s) %s;", align, type, name);
  return arena_printf("%s%s%s%s;", align, type, type[strlen(type) - 1] == '*' ? "" : " ", name);
}

static void put_field(Lower *L, const FrameSlot *s, int depth) {
  const Var *v = s->var;
  char *decl, *note;
  if (s->literal) {
    int line, col;
    source_pos(L->src, s->literal->off, &line, &col);
    decl = arena_printf("_Alignas(%ld) unsigned char %s[%ld];", s->align, s->name, s->size);
    note = arena_printf("/* compound literal of line %d */", line);
  } else if (!v) {
    decl = arena_printf("__typeof__(%s) %s;", plain_type(L, L->plan->temps.data[s->temp].type),
                        s->name);
    note = "/* spilled temporary */";
  } else {
    if (field_is_bytes(v))
      decl = arena_printf("%sunsigned char %s[%ld];", v->fact->align_text ? alignment_text(s)
                          : arena_printf("_Alignas(%ld) ", s->align), v->field, v->fact->size);
    else
      decl = field_decl(alignment_text(s), plain_type(L, v->fact->ctype), v->field);
    note = arena_printf("/* %s */", lower_live_states(L, v));
  }
  // The note after the field, or above it when the line would pass 100.
  if (2 * depth + strlen(decl) + 3 + strlen(note) <= 100)
    put(L, "%*s%s   %s\n", 2 * depth, "", decl, note);
  else
    put(L, "%*s%s\n%*s%s\n", 2 * depth, "", note, 2 * depth, "", decl);
}

// The area's fields, from depth (in two-space steps).
static void put_area(Lower *L, int depth) {
  const Layout *l = L->layout;
  bool shared = l->ngroups > 1;
  int npad = 0;
  if (shared)
    put(L, "%*sunion {   /* the structs share bytes: never needed at once */\n", 2 * depth,
        "");
  for (int g = 0; g < l->ngroups; g++) {
    if (shared)
      put(L, "%*sstruct {\n", 2 * depth + 2, "");
    long at = 0;
    for (int i = 0; i < l->slots.len; i++) {
      const FrameSlot *s = &l->slots.data[l->by_off[i]];
      if (s->group != g)
        continue;
      if (align_up(at, s->align) < s->off)
        put(L, "%*schar ac__pad%d[%ld];\n", 2 * (depth + 2 * shared), "", npad++,
            s->off - at);
      put_field(L, s, depth + 2 * shared);
      at = s->off + s->size;
    }
    if (shared)
      put(L, "%*s};\n", 2 * depth + 2, "");
  }
  if (shared)
    put(L, "%*s};\n", 2 * depth, "");
}

// The frame: the header, then the result, which shares its bytes with
// everything else (the result is written when nothing else is needed any
// more).  No state field: the header's resume function says where to go on
// (resume_entry).
static void gen_frame(Lower *L) {
  AsyncFn *fn = L->fn;
  bool has_result = !fn->result_is_void;
  int depth = has_result ? 3 : 1;
  if (!L->in_gen)
    mark_gen(L, false);
  newline(L);
  put(L, "struct %s__frame {\n  ac_task ac__hdr;\n", fn->name);
  if (has_result)
    put(L, "  union {   /* the result, or before it: */\n"
           "    %s ac__result;\n    struct {\n", result_text(L));
  put(L, "%*sac_task *ac__awaiting;\n", 2 * depth, "");
  put_area(L, depth);
  if (L->callees.len) {
    put(L, "%*sunion {   /* embedded callee frames */\n", 2 * depth,
        "");
    for (int i = 0; i < L->callees.len; i++)
      put(L, "%*sstruct %s__frame %s;\n", 2 * depth + 2, "", L->callees.data[i]->name,
          L->callees.data[i]->name);
    put(L, "%*s} ac__callee;\n", 2 * depth, "");
  }
  if (has_result)
    put(L, "    };\n  };\n");
  put(L, "};\n");
  // ac__frame_alloc aligns to 16: say so at compile time, never misalign.
  put(L, "AC__FRAME_CHECK(struct %s__frame, \"%s\");\n", fn->name, fn->name);
  // The resume functions, before the run function that names them: with
  // several awaits, F__resume_at's thunks, one per state: AC__RESUMES(F,
  // N) makes them from F's name (asyncc.h, up to AC__RESUMES_MAX states),
  // else, for more or for a name not of plain ASCII letters (clang does
  // not paste one spelled with \u escapes into the same identifier), an
  // AC__RESUME line each.
  int n = L->an->awaits.len;
  bool plain = true;
  for (const char *c = fn->name; *c; c++)
    plain &= isalnum((unsigned char)*c) || *c == '_';
  if (n == 1)
    put(L, "static void %s(ac_task *ac__t);\n", resume_entry(L, 1));
  else if (plain && n <= RESUMES_MAX)
    put(L, "AC__RESUMES(%s, %d)\n", fn->name, n);
  else {
    put(L, "static void %s__resume_at(ac_task *ac__t, int ac__state);\n", fn->name);
    for (int k = 1; k <= n; k++)
      put(L, "AC__RESUME(%s, %s__resume_at, %d)\n", resume_entry(L, k), fn->name, k);
  }
}

// After the entry: with a frame allocated on entry, the frame, its header
// and the hoisted parameters; else a copy of each parameter that the body
// knows under another name (ramp_name).
static void gen_frame_setup(Lower *L) {
  if (L->an->awaits.len == 0)
    return;
  if (L->locals) {
    for (int i = 0; i < L->an->vars.len; i++) {
      Var *v = L->an->vars.data[i];
      char *name = v->is_param && v->hoisted ? ramp_name(L, v) : NULL;
      if (name && ((int)strlen(name) != v->name_len ||
                   memcmp(name, L->src->text + v->name_off, v->name_len)))
        gen_line(L, "__typeof__(%.*s) %s = %.*s;", v->name_len, L->src->text + v->name_off,
                 name, v->name_len, L->src->text + v->name_off);
    }
    return;
  }
  gen_line(L, "ac__fr = ac__box(0, sizeof *ac__fr);");
  if (L->an->awaits.len == 1)   // set once (ac__suspend's NULL)
    gen_line(L, "ac__fr->ac__hdr.resume = %s;", resume_entry(L, 1));
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    if (v->is_param && v->hoisted)
      gen_line(L, "ac__fr->%s = %.*s;", v->field, v->name_len, L->src->text + v->name_off);
  }
}

static void gen_body(Lower *L) {
  Node *b = L->fn->body;
  int pos = b->off + tok_len(L->facts->tokens, b->off);   // `{` or `<%`
  L->cleanups.len = 0;
  Node *last = NULL;
  for (Node *item = b->body; item; item = item->next) {
    put_upto(L, &pos, item);
    last = item;
  }
  end_cleanup_scope(L, 0, last);
  put_src(L, pos, b->end - (L->src->text[b->end - 1] == '>' ? 2 : 1));   // `}` or `%>`
}

static bool has_params(Lower *L) {
  for (int i = 0; i < L->an->vars.len; i++)
    if (L->an->vars.data[i]->is_param)
      return true;
  return false;
}

// The arguments that pass the parameters on, after what comes first:
// their own names; with zero, what a resume function passes (the value
// in the frame when it is allocated on entry, else a zero: a resume label
// copies back those live across its await).
static char *param_args(Lower *L, bool zero) {
  char *args = "";
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    if (!v->is_param)
      continue;
    if (!zero)
      args = arena_printf("%s, %.*s", args, v->name_len, L->src->text + v->name_off);
    else if (!L->locals && v->hoisted)
      args = arena_printf("%s, ac__fr->%s", args, v->field);
    else
      args = arena_printf("%s, (%s){0}", args, plain_type(L, v->fact->ctype));
  }
  return args;
}

// The run function's first parameters: the room for the frame (an
// embeddable function's: bytes for ac__box and ac__room), the frame (NULL
// until the first suspension boxes it) and the state (0: called by the
// ramp).
static char *run_lead(Lower *L) {
  AsyncFn *fn = L->fn;
  return arena_printf("%sstruct %s__frame *ac__fr, int ac__state",
                      fn->embeddable ? "void *ac__mem, " : "", fn->name);
}

// The parameter list of the run function: as written, but for each array
// parameter written as the pointer C adjusts it to (`int a[n]` becomes
// `int (*a)`, `int a[static 3]` too): a resume function passes zeros for
// the parameters, and a bound `n` of 0 or a null `a[static 3]` would be
// undefined (a VLA bound) or warned about (-Wnonnull).  A parameter still
// variably modified after the adjustment is refused (analyse.c).
static char *run_params(Lower *L) {
  AsyncFn *fn = L->fn;
  TokenList *tl = L->facts->tokens;
  char *out = "";
  int pos = fn->params_off;
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    int t = v->is_param ? tok_at(tl, v->name_off) : -1;
    if (t < 0 || t + 1 >= tl->ntoks || L->src->text[tl->toks[t + 1].off] != '[')
      continue;
    int close = tok_match(L->src, tl, t + 1);
    if (close < 0)
      continue;
    int end = tl->toks[close].off + 1;
    out = arena_printf("%s%s(*%.*s)", out, src_text(L, pos, v->name_off), v->name_len,
                       L->src->text + v->name_off);
    pos = end;
  }
  return arena_printf("%s%s", out, src_text(L, pos, fn->params_end));
}

// The run function's header, F__run(lead, params), on the declaration's
// line; too long for one line, the lead on lines of its own.
static void put_run_header(Lower *L, int header_line, const char *params) {
  AsyncFn *fn = L->fn;
  char *head = arena_printf("AC__RUN %s %s__run(", L->fut, fn->name);
  char *lead = run_lead(L);
  char *rest = has_params(L) ? arena_printf(", %s {", params + 1) : ") {";
  if (L->col + strlen(head) + strlen(lead) + strlen(rest) <= 100) {
    put(L, "%s%s%s", head, lead, rest);
    return;
  }
  put(L, "%s", head);
  put_line_directive(L, header_line);
  put(L, "    %s%s", lead, has_params(L) ? "," : ") {");
  if (has_params(L)) {
    put_line_directive(L, header_line);
    put(L, "    %s {", params + 1);
  }
}

// The run function's entry: to the resume label of the state it is
// resumed in (0: from the ramp, into the body's start).  No other state
// comes (the default says so): inlined into F__resume_at, which says the
// state is not 0, the body's start is then dead code, which gcc would
// otherwise analyse with the zeros passed for the parameters (-Wnonnull
// on open(path) when path is not kept in the frame).
static void put_run_entry(Lower *L) {
  int n = L->an->awaits.len;
  gen_line(L, "typedef %s ac__fut;", L->fut);   // AC__AWAIT's pending future
  if (n == 1) {
    gen_line(L, "if (ac__state) goto ac__resume_1;");
    return;
  }
  gen_line(L, "switch (ac__state) {");
  for (int k = 1; k <= n; k++)
    gen_line(L, "case %d: goto ac__resume_%d;", k, k);
  gen_line(L, "default: if (ac__state) __builtin_unreachable();");
  gen_line(L, "}");
}

// What calls the run function: the ramp F (F__ramp too, with the room for
// the frame, for an embeddable F; F is then a forwarder, marked unused:
// when every call of F is embedded, only F__ramp is called), and the
// resume function of each state (one await: F__resume; several: a thunk
// F__resume_K each, the header's resume function, which is the state, and
// F__resume_at(task, K) which holds the call).
static void put_entries(Lower *L, const char *storage, const char *params) {
  AsyncFn *fn = L->fn;
  char *args = param_args(L, false);
  const char *mem = fn->embeddable ? "0, " : "";
  if (fn->embeddable) {
    char *head = arena_printf("static inline %s %s__ramp(void *ac__mem", L->fut, fn->name);
    if (!has_params(L))
      gen_line(L, "%s) {", head);
    else if (strlen(head) + strlen(params) + 3 <= 100)
      gen_line(L, "%s, %s {", head, params + 1);
    else {   // the parameters on a line of their own
      gen_line(L, "%s,", head);
      gen_line(L, "    %s {", params + 1);
    }
    gen_line(L, "  return %s__run(ac__mem, 0, 0%s);", fn->name, args);
    gen_line(L, "}");
    gen_line(L, "%s__attribute__((unused))", storage);
  }
  gen_line(L, "%s%s%s %s%s {", fn->embeddable ? "" : storage, fn->attrs, L->fut, fn->name,
           params);
  if (fn->embeddable)
    gen_line(L, "  return %s__ramp(0%s);", fn->name, args);
  else
    gen_line(L, "  return %s__run(0, 0%s);", fn->name, args);
  gen_line(L, "}");
  char *zeros = param_args(L, true);
  bool one = L->an->awaits.len == 1;
  char *head = one ? arena_printf("AC__RESUME1(%s__resume, struct %s__frame,", fn->name, fn->name)
                   : arena_printf("AC__RESUME_AT(%s__resume_at, struct %s__frame,", fn->name,
                                  fn->name);
  char *call = arena_printf("%s__run(%sac__fr, %s", fn->name, mem, one ? "1" : "ac__state");
  if (strlen(head) + strlen(call) + strlen(zeros) + 3 <= 100) {
    gen_line(L, "%s %s%s))", head, call, zeros);
  } else if (4 + strlen(call) + strlen(zeros) + 2 <= 100) {
    gen_line(L, "%s", head);
    gen_line(L, "    %s%s))", call, zeros);
  } else {   // too long: an argument a line
    gen_line(L, "%s", head);
    gen_line(L, "    %s,", call);
    for (char *p = zeros + 2, *comma; *p; p = comma ? comma + 2 : p + strlen(p)) {
      comma = strstr(p, "}, ");
      comma = comma ? comma + 1 : NULL;
      gen_line(L, "        %.*s%s", comma ? (int)(comma - p) : (int)strlen(p), p,
               comma ? "," : "))");
    }
  }
}

// The table of the function's suspension sites (sites.c), on lines that
// map to the dialect file from its line `line` on (AC__SITE's file is
// __FILE__: data, no code, no message points there).
static void put_sites(Lower *L, int line) {
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (!mem)
    diag_die("out of memory");
  sites_put(mem, L->src, L->fn, L->plan);
  fclose(mem);
  if (len) {
    put_line_directive(L, line);
    put(L, "%s", text);
  }
  free(text);
}

// A function without awaits: the ramp alone, the body as written (its
// returns give completed futures).
static void gen_plain_function(Lower *L, const char *storage, int header_line) {
  AsyncFn *fn = L->fn;
  put_line_directive(L, header_line);
  put(L, "%s%s%s %s%s {", storage, fn->attrs, L->fut, fn->name,
      src_text(L, fn->params_off, fn->params_end));
  L->indent = 2;
  gen_body(L);
  if (fn->result_is_void || entry_is_main(fn))   // main falling off its end returns 0
    gen_line(L, fn->result_is_void ? "return (%s){ 0 };" : "return (%s){ .value = 0 };",
             L->fut);                             // (C11 5.1.2.2.3)
  L->indent = 0;
  gen_line(L, "}");
}

// Whether F's body may name F: a token spelled like it (main's: `main`),
// one with a \u escape, or a macro (but `await`), whose expansion is not
// seen here.
static bool body_may_name_self(Lower *L) {
  const TokenList *tl = L->facts->tokens;
  const char *name = entry_user_name(L->fn);
  size_t n = strlen(name);
  for (int i = tok_after(tl, L->fn->body_off); i >= 0 && i < tl->ntoks &&
                                               tl->toks[i].off < L->fn->body_end; i++) {
    const char *t = L->src->text + tl->toks[i].off;
    size_t len = (size_t)tl->toks[i].len;
    if (((tl->toks[i].flags & TF_MACRO) && !(len == 5 && !memcmp(t, "await", 5))) ||
        (len == n && !memcmp(t, name, n)) ||
        (tl->toks[i].kind == TK_IDENT && memchr(t, '\\', len)))
      return true;
  }
  return false;
}

// The body, once, in the run function F__run (C#'s shape, docs/abi.md §5):
// the ramp calls it with no frame and state 0, each resume function with
// the frame and the state it suspended in.  When optimising it is inlined
// into both (AC__RUN), so that the ramp's path, where the frame is NULL
// and the state 0, folds to the plain code; at -O0 it is compiled once.
static void gen_function(Lower *L, const char *storage) {
  AsyncFn *fn = L->fn;
  int header_line, col;
  source_pos(L->src, fn->async_off, &header_line, &col);
  L->locals = !L->an->heap_at_entry && L->an->awaits.len;
  L->nawaits = L->ntemps = L->nlabels = 0;
  if (!L->an->awaits.len) {
    gen_plain_function(L, storage, header_line);
    return;
  }
  char *params = src_text(L, fn->params_off, fn->params_end);
  // The body may call F (recursion), defined after F__run: declared
  // first, unless a static F's body cannot name it (no token of its name,
  // no macro; an extern F keeps it for -Wmissing-prototypes).
  if (!fn->is_static || body_may_name_self(L))
    gen_line(L, "%s%s%s %s%s;", fn->embeddable ? "static " : storage, fn->attrs, L->fut,
             fn->name, params);
  // gcc 12's -Wdangling-pointer misfires on a goto into a block, in a
  // loop, that holds a local future (a five-line reproducer without
  // asyncc: docs/lowering.md), so it is off from AC__RUN to AC__RUN_END.
  put_line_directive(L, header_line);
  put_run_header(L, header_line, run_params(L));
  L->indent = 2;
  put_run_entry(L);
  gen_frame_setup(L);
  gen_body(L);
  if (fn->result_is_void || entry_is_main(fn)) {   // main falling off its end returns 0
    if (!fn->result_is_void)                        // (C11 5.1.2.2.3)
      gen_line(L, "__typeof__(ac__fr->ac__result) ac__r = 0;");
    put_finish(L);
  }
  L->indent = 0;
  gen_line(L, "}");
  gen_line(L, "AC__RUN_END");
  put_entries(L, storage, params);
}

// __func__ names the async function, not the ramp or the resume function
// that hold its body (C11 6.4.2.2).  (A macro's own __func__, as in
// assert, still names the generated function.)
static void name_function(Lower *L) {
  TokenList *tl = L->facts->tokens;
  for (int i = tok_at(tl, L->fn->body_off); i >= 0 && i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    if (t->off >= L->fn->body_end)
      break;
    if (scan_func_name(L->src, t) >= 0) {
      char *name = arena_printf("\"%s\"", entry_user_name(L->fn));   // main, not main__async
      Subst s = {.off = t->off, .end = t->off + t->len, .text = name, .ramp_text = name};
      vec_push(&L->subst, s);
    }
  }
}

// Why the uses of hoisted v are rewritten (it does not keep its own name).
static const char *why_rewritten(Lower *L, Var *v) {
  if (L->an->heap_at_entry)
    return L->an->literals.len ? "in a frame allocated on entry (a compound literal's address "
                                 "outlives an await)"
                               : "in a frame allocated on entry (a local's address is taken)";
  (void)v;
  return "under another name (another declaration of its name in the function could hide it)";
}

// --- loop pragmas -------------------------------------------------------------
//
// A loop whose header awaits (or whose for-declaration lives in the frame)
// is rebuilt as `{ init; for (;;) { if (!(cond)) break; ... } }`, which a
// loop pragma written before it cannot take (gcc: "for, while or do
// statement expected", "missing loop condition"; clang likewise).  Such a
// pragma only asks the compiler to unroll or vectorise, which a loop that
// suspends does not allow anyway: it goes, its line left blank.

static bool is_loop_pragma(const char *p, const char *end) {
  p = text_skip_blanks(p + 1, end);
  if (end - p < 6 || memcmp(p, "pragma", 6) || (end - p > 6 && !strchr(" \t/", p[6])))
    return false;
  return text_is_loop_pragma(p + 6, end);
}

// The token index of `_Pragma` if tokens [i-3, i] are `_Pragma ( "..." )`
// holding a loop pragma (a string without escapes), else -1.
static int loop_pragma_operator(Lower *L, int i) {
  const TokenList *tl = L->facts->tokens;
  if (i < 3)
    return -1;
  const Token *t = tl->toks + i - 3;
  const char *text = L->src->text;
  for (int k = 0; k < 4; k++)
    if (t[k].flags & TF_SKIPPED)
      return -1;
  if (t[0].len != 7 || memcmp(text + t[0].off, "_Pragma", 7) ||
      !scan_token_is(L->src, &t[1], "(") || t[2].kind != TK_STR ||
      !scan_token_is(L->src, &t[3], ")"))
    return -1;
  const char *str = text + t[2].off;
  if (*str != '"' || memchr(str, '\\', t[2].len))
    return -1;
  return text_is_loop_pragma(str + 1, str + t[2].len - 1) ? i - 3 : -1;
}

static bool loop_is_rebuilt(Lower *L, Node *s) {
  if (s->kind == ND_WHILE || s->kind == ND_DO)
    return node_has_await(s->cond);
  if (s->kind != ND_FOR)
    return false;
  if (node_has_await(s->init) || node_has_await(s->cond) || node_has_await(s->inc))
    return true;
  for (Node *v = s->init && s->init->kind == ND_DECL ? s->init->body : NULL; v; v = v->next) {
    Var *iv = v->kind == ND_VAR ? an_var_at(L->an, v->name_off) : NULL;
    if (iv && iv->hoisted)
      return true;
  }
  return false;
}

static bool drop_loop_pragmas(Node *s, void *ctx) {
  Lower *L = ctx;
  if (!loop_is_rebuilt(L, s))
    return true;
  TokenList *tl = L->facts->tokens;
  for (int i = tok_at(tl, s->off) - 1, op; i >= 0; i--) {
    Token *t = &tl->toks[i];
    const char *p = L->src->text + t->off;
    int macro = t->kind == TK_IDENT && !(t->flags & TF_SKIPPED)
                    ? facts_pragma_macro_at(L->facts, t->off) : 0;
    if ((op = loop_pragma_operator(L, i)) >= 0) {
      Subst sub = {.off = tl->toks[op].off, .end = t->off + t->len, .text = "", .ramp_text = ""};
      vec_push(&L->subst, sub);
      i = op;
    } else if (macro == 2) {   // #define UNROLL _Pragma("GCC unroll 4")
      Subst sub = {.off = t->off, .end = t->off + t->len, .text = "", .ramp_text = ""};
      vec_push(&L->subst, sub);
    } else if (macro == 1)
      continue;   // another pragma: it stays
    else if (t->kind != TK_HASH_LINE)
      break;
    else if (!(t->flags & TF_SKIPPED) && !memchr(p, '\n', t->len) &&
             is_loop_pragma(p, p + t->len)) {
      Subst sub = {.off = t->off, .end = t->off + t->len, .text = "", .ramp_text = ""};
      vec_push(&L->subst, sub);
    }
  }
  return true;
}

static void build_substitutions(Lower *L) {
  name_function(L);
  node_walk(L->fn->body, drop_loop_pragmas, NULL, L);
  for (int i = 0; i < L->an->vars.len; i++) {   // `cleanup(f)` goes: __attribute__(())
    Var *v = L->an->vars.data[i];
    if (v->cleanup) {
      Subst s = {.off = v->fact->cleanup_off, .end = v->fact->cleanup_end, .text = "",
                 .ramp_text = ""};
      vec_push(&L->subst, s);
    }
  }
  for (int i = facts_lower_bound(L->facts, L->fn->body_off); i < L->facts->facts.len; i++) {
    const Fact *f = &L->facts->facts.data[i];
    if (f->off >= L->fn->body_end)
      break;
    if (f->kind != FK_DECLREF)
      continue;
    Var *v = an_var_at(L->an, f->ref_off);
    if (!v || !v->hoisted)
      continue;
    // A local that keeps its own name everywhere (a plain local of the
    // ramp and the resume function, not renamed) needs no rewriting.
    bool as_is = !L->an->heap_at_entry && (int)strlen(ramp_name(L, v)) == v->name_len &&
                 !memcmp(ramp_name(L, v), L->src->text + v->name_off, v->name_len);
    bool in_body = f->end - f->off != v->name_len ||
                   memcmp(L->src->text + f->off, L->src->text + v->name_off, v->name_len);
    if (as_is && in_body)
      continue;
    if (in_body) {
      diag_error(f->off, "'%.*s' lives across an await %s, and is used inside a macro's "
                 "body here: pass it to the macro as an argument",
                 v->name_len, L->src->text + v->name_off, why_rewritten(L, v));
      continue;
    }
    if (!as_is && facts_in_pasted_arg(L->facts, f->off)) {
      diag_error(f->off, "'%.*s' lives across an await %s, and a macro stringifies or "
                 "pastes (# or ##) this argument: copy it to a local that does not live "
                 "across an await first", v->name_len, L->src->text + v->name_off,
                 why_rewritten(L, v));
      continue;
    }
    char *field = field_is_bytes(v) ? arena_printf("(*(ac__T_%s *)ac__fr->%s)", v->field,
                                                   v->field)
                                    : arena_printf("ac__fr->%s", v->field);
    Subst s = {.off = f->off, .end = f->end, .text = field,
               .ramp_text = ramp_name(L, v), .var = v};
    vec_push(&L->subst, s);
  }
}

// A compound literal whose address outlives an await (Analysis.literals)
// is made in its frame field, ac__cN, bytes for its whole block in a frame
// allocated on entry: `AC__KEEP(ac__fr->ac__cN, L)` (asyncc.h) stands for
// L, an lvalue of L's type there (an array decays, & takes the field's
// address) whose value L's own evaluation gives, once.  Its text is made after the
// other substitutions, which it includes: every hoisted local is a frame
// field here, the frame being allocated on entry.
static void keep_literals(Lower *L) {
  Analysis *an = L->an;
  bool locals = L->locals;
  L->locals = false;   // the frame is allocated on entry
  char **texts = arena_alloc(sizeof(char *) * an->literals.len);
  for (int i = 0; i < an->literals.len; i++) {   // all before any is added: sorted search
    const Node *lit = an->literals.data[i];
    texts[i] = arena_printf("AC__KEEP(ac__fr->ac__c%d, %s)", i,
                            src_text(L, lit->off, lit->end));
  }
  for (int i = 0; i < an->literals.len; i++) {
    const Node *lit = an->literals.data[i];
    Subst s = {.off = lit->off, .end = lit->end, .text = texts[i], .ramp_text = texts[i]};
    vec_push(&L->subst, s);
  }
  L->locals = locals;
}

// --- --explain ------------------------------------------------------------------


// The frame's layout as the C compiler will make it (fields in order):
// fills slots (align is replaced by the offset) and returns the size.
long lower_frame_layout(Lower *L, Slots *out) {
  Slots slots = {0};
  long off = 0, max_align = 8;
  Slot hdr = {"ac__hdr", 16, 0, "task header (resume function, waiter)", NULL};
  vec_push(&slots, hdr);
  off = 16;   // every alignment here is at most 16 (a _Static_assert says so)
  bool has_result = !L->fn->result_is_void;
  if (has_result) {
    Slot r = {"ac__result", L->fn->result_size, off,
              "the result, once complete (shares the bytes below)", NULL};
    vec_push(&slots, r);
  }
  Slot aw = {"ac__awaiting", 8, off, "the task being awaited", NULL};
  vec_push(&slots, aw);
  off += 8;
  const Layout *l = L->layout;
  if (l->slots.len) {   // the area (put_area): a union when some slots share
    off = align_up(off, l->align);
    for (int i = 0; i < l->slots.len; i++) {
      const FrameSlot *s = &l->slots.data[l->by_off[i]];
      Slot sl = {s->name, s->size, off + s->off, s->var ? "hoisted local" : s->literal ?
                 "compound literal" : "spilled temporary",
                 layout_shares(l, l->by_off[i])};
      vec_push(&slots, sl);
    }
    off += l->ngroups > 1 ? l->size : l->end;
    max_align = l->align > max_align ? l->align : max_align;
  }
  if (L->callees.len) {   // the union of embedded callee frames
    long size = 0, align = 8;
    for (int i = 0; i < L->callees.len; i++) {
      AsyncFn *c = L->callees.data[i];
      size = c->frame_size > size ? c->frame_size : size;
      align = c->frame_align > align ? c->frame_align : align;
    }
    off = align_up(off, align);
    Slot sl = {"ac__callee", size, off, "the frame of the callee being awaited, embedded",
               NULL};
    vec_push(&slots, sl);
    off += size;
    max_align = align > max_align ? align : max_align;
  }
  if (has_result) {   // the union: the larger of the result and the struct
    off = align_up(off, max_align);
    if (16 + L->fn->result_size > off)
      off = 16 + L->fn->result_size;
    max_align = L->fn->result_align > max_align ? L->fn->result_align : max_align;
  }
  if (out)
    *out = slots;
  L->fn->frame_align = max_align;
  return align_up(off, max_align);
}

// What explain.c reads of the function being lowered.
char *lower_result_text(Lower *L) { return result_text(L); }
char *lower_src_text(Lower *L, int off, int end) { return src_text(L, off, end); }
int lower_await_number(Lower *L, int i) { return await_number(L, i); }
AsyncFn *lower_embedded_callee(Lower *L, Node *a) {
  return embedded_callee(L->src, L->facts, L->fn, a);
}

// The costs SPEC.md §4 asks to warn about: awaits spilled out of the
// middle of an expression, frames over the limit.
static void warn_costs(Lower *L, long frame_limit) {
  for (int i = 0; i < L->plan->temps.len; i++) {
    Temp *t = &L->plan->temps.data[i];
    if (!t->in_frame)
      continue;
    Node *later = L->plan->awaits.data[t->born];   // the next await after its own
    int line, col;
    source_pos(L->src, later->off, &line, &col);
    diag_warn("spilled-await", t->off, "%s the middle of an expression: its value is spilled to the frame "
                 "(%ld bytes) across the await at %d:%d; awaiting into a local first "
                 "makes that cost visible", t->await_no ? "await in" : "value computed before an await in",
                 t->size, line, col);
  }
  if (!L->an->awaits.len)
    return;
  long size = lower_frame_layout(L, NULL);
  if (size > frame_limit)
    diag_warn("frame-larger-than", L->fn->async_off, "the frame of '%s' is %ld bytes, over "
              "the limit of %ld: every suspended call holds it; see --explain",
                 entry_user_name(L->fn), size, frame_limit);
}

void lower_function(Source *src, Facts *facts, AsyncFn *fn, EditList *edits, FILE *explain_to,
                    long frame_limit) {
  Lower L = {.src = src, .facts = facts, .fn = fn, .an = fn->an, .preamble = ""};
  // A static ramp is also inline: a call that completes synchronously may
  // then cost less than a call (the C compiler still decides), and a
  // suspending child's ramp can fold into its caller's resume function.
  // Not where the user asked for noinline (gcc warns about both).
  bool noinline = strstr(fn->attrs, "noinline") || strstr(fn->attrs, "noipa");
  char *storage = !fn->is_static ? "" : noinline ? "static " : "static inline ";
  L.fut = future_name(&L, result_text(&L));
  if (fn->body_off < 0) {   // a prototype
    // The future's declaration goes in before the declaration (before its
    // storage class); edits of one offset apply in the order they were made.
    if (*L.preamble) {
      int line, col;
      source_pos(src, fn->decl_off, &line, &col);
      emit_edit(edits, fn->decl_off, fn->decl_off,
                arena_printf("\n%s%s%*s", L.preamble, source_line_directive(src, line) + 1,
                             col - 1, ""));
    }
    // `async char *f(void);`: the name follows the type with no space.
    bool joined = !strchr(" \t\r\n", src->text[fn->type_end]);
    emit_edit(edits, fn->async_off, fn->type_end, joined ? arena_printf("%s ", L.fut) : L.fut);
    return;
  }
  name_ramp_locals(&L);
  build_substitutions(&L);
  substitute_future_types(&L);
  if (L.subst.len)
    qsort(L.subst.data, L.subst.len, sizeof *L.subst.data, by_subst_offset);
  if (fn->an && fn->an->literals.len) {
    keep_literals(&L);
    qsort(L.subst.data, L.subst.len, sizeof *L.subst.data, by_subst_offset);
  }
  for (int i = 0; fn->an && i < fn->an->awaits.len; i++) {
    AsyncFn *c = embedded_callee(src, facts, fn, fn->an->awaits.data[i]);
    bool seen = false;
    for (int j = 0; c && j < L.callees.len; j++)
      seen |= L.callees.data[j] == c;
    if (c && !seen)
      vec_push(&L.callees, c);
  }

  L.plan = plan_build(src, fn);
  L.layout = layout_build(fn, L.plan);
  if (explain_to)
    explain_function(&L, explain_to);
  warn_costs(&L, frame_limit);
  if (fn->an->awaits.len)
    fn->frame_size = lower_frame_layout(&L, NULL);   // for callers that embed it

  // The frame's field types may need future types declared first.
  for (int i = 0; i < fn->an->vars.len; i++)
    if (fn->an->vars.data[i]->hoisted)
      plain_type(&L, fn->an->vars.data[i]->fact->ctype);
  for (int i = 0; i < L.plan->temps.len; i++)
    plain_type(&L, L.plan->temps.data[i].type);
  for (int i = 0; i < fn->an->vars.len; i++)   // the resume function declares them
    if (fn->an->vars.data[i]->is_param)
      plain_type(&L, fn->an->vars.data[i]->fact->ctype);

  char *buf = NULL;
  size_t len = 0;
  L.out = open_memstream(&buf, &len);
  L.col = 1;   // the edit may start after text on its line
  if (*L.preamble) {
    mark_gen(&L, false);
    put(&L, "%s", L.preamble);
  }
  if (fn->an->awaits.len)
    gen_frame(&L);
  gen_function(&L, storage);
  // The rest of the file goes on at its own line and column (after the
  // table of suspension sites, which names the file too).
  int end_line, col;
  source_pos(src, fn->body_end, &end_line, &col);
  if (fn->an->awaits.len)
    put_sites(&L, end_line);
  put_line_directive(&L, end_line);
  put(&L, "%*s", col - 1, "");
  fclose(L.out);
  int *marks = arena_alloc(sizeof(int) * (L.marks.len + 1));
  memcpy(marks, L.marks.data, sizeof(int) * L.marks.len);
  emit_edit_marked(edits, fn->decl_off, fn->body_end, arena_strndup(buf, len), marks,
                   L.marks.len);
  free(buf);
}
