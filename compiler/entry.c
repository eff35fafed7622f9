// entry.c: `async int main`, the program as a task (like #[tokio::main]).
//
//   async int main(int argc, char **argv) { ... }
//
// is lowered like any async function but under the name main__async, and a
// plain main is added after it that runs it to completion on the calling
// thread (ac_wait: the ramp runs at once, later states on the pool), stops
// the pool and returns the task's result:
//
//   int main(int ac__argc, char **ac__argv) {
//     int ac__rc = ac_wait(main__async(ac__argc, ac__argv));
//     ac_shutdown(0);
//     return ac__rc;
//   }
//
// The rename happens before the view is built, so libclang never sees a
// main that returns a future.  Accepted forms: result int; parameters
// (void), (), (int, char **) and (int, char **, char **); falling off
// the end of an async main returns 0, as for main (lower.c).

#include "acc.h"

#include <string.h>

#define ASYNC_MAIN "main__async"

// How many parameters the list [params_off, params_end) declares: 0 for
// `()` and `(void)`, else one more than its commas outside brackets.
static int count_params(const Source *src, const AsyncFn *fn) {
  const char *p = src->text + fn->params_off + 1, *end = src->text + fn->params_end - 1;
  while (p < end && strchr(" \t\r\n", *p))
    p++;
  if (p == end || (end - p >= 4 && !memcmp(p, "void", 4) &&
                   strspn(p + 4, " \t\r\n") == (size_t)(end - p - 4)))
    return 0;
  int n = 1, depth = 0;
  for (; p < end; p++) {
    depth += *p == '(' || *p == '[';
    depth -= *p == ')' || *p == ']';
    n += *p == ',' && depth == 0;
  }
  return n;
}

// int, spelled with any of C's equivalent lists (6.7.2p2).
static bool result_is_int(const Source *src, const AsyncFn *fn) {
  static const char *const ints[] = {"int", "signed", "signed int", "int signed", NULL};
  int n = fn->type_end - fn->type_off;
  for (int i = 0; ints[i]; i++)
    if ((int)strlen(ints[i]) == n && !memcmp(src->text + fn->type_off, ints[i], n))
      return true;
  return false;
}

void entry_find_main(Source *src, Facts *facts) {
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next) {
    if (strcmp(fn->name, "main"))
      continue;
    int n = count_params(src, fn);
    if (fn->is_static)
      diag_error(fn->decl_off, "async main cannot be static: it is the program's entry point");
    else if (!result_is_int(src, fn))
      diag_error(fn->type_off, "async main must return int (the process's exit status)");
    else if (n != 0 && n != 2 && n != 3)
      diag_error(fn->params_off, "async main takes (void), (int argc, char **argv) or "
                 "(int argc, char **argv, char **envp)");
    fn->name = ASYNC_MAIN;
    fn->main_params = n;
  }
}

bool entry_is_main(const AsyncFn *fn) {
  return !strcmp(fn->name, ASYNC_MAIN);
}

const char *entry_user_name(const AsyncFn *fn) {
  return entry_is_main(fn) ? "main" : fn->name;
}

void entry_add_main(Source *src, Facts *facts, EditList *edits) {
  static const char *const args[] = {"", "", "ac__argc, ac__argv", "ac__argc, ac__argv, ac__envp"};
  static const char *const params[] = {
      "void", "", "int ac__argc, char **ac__argv",
      "int ac__argc, char **ac__argv, char **ac__envp"};
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next) {
    if (!entry_is_main(fn) || fn->body_off < 0)
      continue;
    // Its lines are the output's own (a #line naming the output: a
    // breakpoint on a line of the async main's never stops in it); what
    // follows maps back to the source.
    int n = fn->main_params, line, col;
    source_pos(src, fn->body_end, &line, &col);
    char *text = arena_printf(
        "\nint main(%s) {\n  int ac__rc = ac_wait(" ASYNC_MAIN "(%s));\n  ac_shutdown(0);\n"
        "  return ac__rc;\n}%s%*s",
        params[n], args[n], source_line_directive(src, line), col - 1, "");
    int *mark = arena_alloc(sizeof *mark);
    *mark = 2 * 1;      // at the start of the wrapper's first line
    emit_edit_marked(edits, fn->body_end, fn->body_end, text, mark, 1);
  }
}
