// diag.c: the input file and every message the tool prints.
//
// Messages follow the compilers' format, so editors and make understand
// them:
//
//   file.c:12:7: error: 'await' outside an async function
//      12 |   x = await f();
//         |       ^
//
// Columns are 1-based byte columns (as clang counts).  The caret line keeps
// the tabs of the source line so the caret sits under the right character.

#include "acc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Source *diag_src;
static int nerrors;

static void index_lines(Source *src) {
  const char *text = src->text, *end = text + src->len, *p;
  int n = 1;
  for (p = text; (p = memchr(p, '\n', end - p)); p++)
    n++;
  src->line_starts = arena_alloc(sizeof(int) * (n + 1));
  src->nlines = 0;
  src->line_starts[src->nlines++] = 0;
  for (p = text; (p = memchr(p, '\n', end - p)); p++)
    src->line_starts[src->nlines++] = p + 1 - text;
}

Source *source_from_string(const char *path, const char *text, int len) {
  Source *src = arena_alloc(sizeof *src);
  src->path = path;
  src->text = arena_alloc(len + 1);   // zeroed: text[len] == 0
  memcpy(src->text, text, len);
  src->len = len;
  index_lines(src);
  return src;
}

Source *source_take(const char *path, char *text, int len) {
  Source *src = arena_alloc(sizeof *src);
  src->path = path;
  src->text = text;
  src->text[len] = 0;
  src->len = len;
  index_lines(src);
  return src;
}

Source *source_read(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (!fp)
    diag_die("cannot open %s: %s", path, strerror(errno));
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
    fwrite(chunk, 1, n, out);
  bool failed = ferror(fp);
  fclose(fp);
  fclose(out);
  if (failed)
    diag_die("cannot read %s", path);
  if (len > (size_t)INT32_MAX / 2)
    diag_die("%s: file too large", path);
  Source *src = source_from_string(path, buf, (int)len);
  free(buf);
  return src;
}

// Binary search for the line holding off; line and col are 1-based.
void source_pos(const Source *src, int off, int *line, int *col) {
  int lo = 0, hi = src->nlines - 1;
  while (lo < hi) {
    int mid = (lo + hi + 1) / 2;
    if (src->line_starts[mid] <= off)
      lo = mid;
    else
      hi = mid - 1;
  }
  *line = lo + 1;
  *col = off - src->line_starts[lo] + 1;
}

char *source_line_directive(const Source *src, int line) {
  return arena_printf("\n#line %d \"%s\"\n", line, text_c_string(src->path));
}

void diag_init(Source *src) {
  diag_src = src;
}

enum { MAX_ERRORS = 20, MAX_SHOWN_LINE = 160 };

// Prints the line holding off and a caret under it.  A long line (minified
// or binary input) is shown as a window around the column.
static void print_caret(const Source *src, int off) {
  int line, col;
  source_pos(src, off, &line, &col);
  const char *start = src->text + src->line_starts[line - 1];
  const char *end = start;
  while (end < src->text + src->len && *end != '\n')
    end++;
  int n = end - start;
  if (n > 0 && start[n - 1] == '\r')
    n--;
  int first = 0;
  if (n > MAX_SHOWN_LINE) {
    first = col - 1 > MAX_SHOWN_LINE / 2 ? col - 1 - MAX_SHOWN_LINE / 2 : 0;
    n = n - first < MAX_SHOWN_LINE ? n - first : MAX_SHOWN_LINE;
  }
  fprintf(stderr, "%5d | ", line);
  for (int i = first; i < first + n; i++) {
    unsigned char ch = start[i];
    fputc(ch == '\t' || (ch >= 0x20 && ch < 0x7f) ? ch : '?', stderr);
  }
  fputs("\n      | ", stderr);
  for (int i = first; i < col - 1 && i < first + n; i++)
    fputc(start[i] == '\t' ? '\t' : ' ', stderr);
  fputs("^\n", stderr);
}

static void vreport(int off, const char *kind, const char *fmt, va_list ap) {
  Source *src = diag_src;
  if (!src || off < 0 || off > src->len) {
    fprintf(stderr, "%s: %s: ", src ? src->path : "asyncc", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    return;
  }
  int line, col;
  source_pos(src, off, &line, &col);
  fprintf(stderr, "%s:%d:%d: %s: ", src->path, line, col, kind);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  print_caret(src, off);
}

static void report(int off, const char *kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(int off, const char *kind, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(off, kind, fmt, ap);
  va_end(ap);
}

void diag_error(int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(off, "error", fmt, ap);
  va_end(ap);
  diag_error_printed();
}

// Warning options, as the compilers': the last option naming a warning
// wins.  A name that is none of ours belongs to the C compiler: ignored.
static bool warnings_off;      // -w
static bool all_errors;        // -Werror
static VEC(const char *) off_names, error_names, not_error_names;

void diag_no_warnings(void) {
  warnings_off = true;
}

static bool listed(const void *vec, const char *name) {
  const VEC(const char *) *v = vec;
  for (int i = v->len - 1; i >= 0; i--)
    if (!strcmp(v->data[i], name))
      return true;
  return false;
}

static void unlist(void *vec, const char *name) {
  VEC(const char *) *v = vec;
  for (int i = 0; i < v->len; i++)
    if (!strcmp(v->data[i], name))
      v->data[i] = "";
}

bool diag_warning_option(const char *arg) {
  if (!strcmp(arg, "-w")) {
    warnings_off = true;
  } else if (!strcmp(arg, "-Werror")) {
    all_errors = true;
  } else if (!strcmp(arg, "-Wno-error")) {
    all_errors = false;
  } else if (!strncmp(arg, "-Werror=", 8)) {
    unlist(&not_error_names, arg + 8);
    vec_push(&error_names, arg + 8);
  } else if (!strncmp(arg, "-Wno-error=", 11)) {
    unlist(&error_names, arg + 11);
    vec_push(&not_error_names, arg + 11);
  } else if (!strncmp(arg, "-Wno-", 5)) {
    vec_push(&off_names, arg + 5);
  } else if (!strncmp(arg, "-W", 2)) {
    unlist(&off_names, arg + 2);
  } else {
    return false;
  }
  return true;
}

static void vwarn(const char *name, int off, const char *fmt, va_list ap) {
  if (warnings_off || (name && listed(&off_names, name)))
    return;
  bool error = name ? listed(&error_names, name) ||
                          (all_errors && !listed(&not_error_names, name))
                    : all_errors;
  char *msg = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&msg, &len);
  vfprintf(fp, fmt, ap);
  if (name)
    fprintf(fp, " [-W%s%s]", error ? "error=" : "", name);
  else if (error)
    fputs(" [-Werror]", fp);
  fclose(fp);
  if (error)
    diag_error(off, "%s", msg);
  else
    report(off, "warning", "%s", msg);
  free(msg);
}

void diag_warn(const char *name, int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vwarn(name, off, fmt, ap);
  va_end(ap);
}

void diag_warning(int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vwarn(NULL, off, fmt, ap);
  va_end(ap);
}

void diag_note(int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(off, "note", fmt, ap);
  va_end(ap);
}

noreturn void diag_fatal(int off, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vreport(off, "error", fmt, ap);
  va_end(ap);
  exit(1);
}

void diag_error_printed(void) {
  if (++nerrors >= MAX_ERRORS) {
    fprintf(stderr, "%s: too many errors, stopping\n", diag_src ? diag_src->path : "asyncc");
    exit(1);
  }
}

int diag_error_count(void) {
  return nerrors;
}

void diag_exit_if_errors(void) {
  if (nerrors)
    exit(1);
}

noreturn void diag_die(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("asyncc: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(1);
}

noreturn void diag_internal(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "asyncc: internal error at %s:%d: ", file, line);
  vfprintf(stderr, fmt, ap);
  fputs("\n(please report this with the input file)\n", stderr);
  va_end(ap);
  exit(2);
}
