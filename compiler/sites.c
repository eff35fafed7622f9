// sites.c: the table of suspension sites of an async function, for the
// runtime's task dump (ac_dump_tasks) and the gdb extension (docs/debugging.md).
//
// A suspended frame's header holds the resume function of the await it
// stopped at (lower.c: one per await, the state).  Each entry maps that
// function to the async function's name, the await's file:line and text,
// and where the frame keeps the awaited task:
//
//   static const ac__site f__sites[] AC__SITES = {
//     AC__SITE(f__resume_1, "f", "await ac_delay(5)", 12, struct f__frame),
//     ... };
//
// The table's lines are the dialect file's (lower.c puts a #line before
// it): AC__SITE's file is __FILE__, the name that #line gave.
// The linker gathers every table of a module into one section; the runtime
// and gdb find it through __start_ac__sites / __stop_ac__sites.  Data only:
// no instruction is added to the generated functions.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

enum { EXPR_MAX = 64 };   // longer await texts are cut, with "..."

// s[0..n) as a C string literal on lines of its own, cut into adjacent
// literals of at most PIECE bytes so that no generated line passes 100
// columns.  Code (an await's text) has its white space runs made one space
// and is cut at max characters, with "..."; a file name keeps every byte.
enum { PIECE = 72 };
static void put_string(FILE *out, const char *s, int n, int max, bool code) {
  fputs("    \"", out);
  int shown = 0, piece = 0;
  bool space = false;
  for (int i = 0; i < n && shown < max; i++) {
    unsigned char c = (unsigned char)s[i];
    if (code && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
      space = shown > 0;
      continue;
    }
    if (piece >= PIECE) {
      fputs("\"\n    \"", out);
      piece = 0;
    }
    if (space) {
      fputc(' ', out);
      shown++;
      piece++;
      space = false;
    }
    if (c == '"' || c == '\\')
      piece += fprintf(out, "\\%c", c);
    else if (c < 0x20 || c >= 0x7f)
      piece += fprintf(out, "\\%03o", c);
    else
      piece += fputc(c, out) != EOF;
    shown++;
  }
  if (shown >= max)
    fputs("...", out);
  fputs("\",\n", out);
}

// put_string's text into a string of its own.
static char *string_text(const char *s, int n, int max, bool code) {
  char *text = NULL;
  size_t len = 0;
  FILE *mem = open_memstream(&text, &len);
  if (!mem)
    diag_die("out of memory");
  put_string(mem, s, n, max, code);
  fclose(mem);
  char *kept = arena_strndup(text, len);
  free(text);
  return kept;
}

void sites_put(FILE *out, Source *src, AsyncFn *fn, Plan *plan) {
  int n = plan->awaits.len;
  if (n == 0)
    return;
  const char *shown = entry_user_name(fn);   // main, not main__async
  fprintf(out, "static const ac__site %s__sites[] AC__SITES = {\n", fn->name);
  for (int k = 1; k <= n; k++) {
    Node *a = plan->awaits.data[k - 1];
    int line, col;
    source_pos(src, a->off, &line, &col);
    char *head = n == 1 ? arena_printf("  AC__SITE(%s__resume, \"%s\",", fn->name, shown)
                        : arena_printf("  AC__SITE(%s__resume_%d, \"%s\",", fn->name, k, shown);
    char *expr = string_text(src->text + a->off, a->end - a->off, EXPR_MAX, true);
    char *tail = arena_printf("%d, struct %s__frame),", line, fn->name);
    // The await on the first line when it fits (then one piece, `    "...",\n`).
    char *one = arena_printf("%s %.*s %s", head, (int)strlen(expr) - 5, expr + 4, tail);
    if (strlen(one) <= 100 && !strchr(expr, '\n')[1])
      fprintf(out, "%s\n", one);
    else
      fprintf(out, "%s\n%s    %s\n", head, expr, tail);
  }
  fputs("};\n", out);
}
