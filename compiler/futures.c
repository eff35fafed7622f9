// futures.c: the name of the future of a type in the generated C.
//
// In the generated C a future of T is a struct type that must be declared
// once per translation unit (AC_FUTURE_DECLARE in <asyncc.h>), so each
// spelling of a type must name one future type, and the same one that a
// header shared with plain C declared:
// - a future the translation unit declares (<asyncc.h>'s int, long, ...;
//   a header's AC_FUTURE_DECLARE(point, point)) is used by its name, found
//   by T as written there or by T's canonical type (struct point);
// - top-level qualifiers are dropped (`async const int f()` completes an
//   ac_future_int);
// - arithmetic types are spelled as C's canonical list (C11 6.7.2p2), so
//   `unsigned` and `int unsigned` both name ac_future_unsigned_int;
// - any other T gets ac_future_<T's words> (char * is char_p) with a
//   guarded declaration that the caller places before the first use.

#include "acc.h"

#include <string.h>

static bool is_builtin_future(const char *t) {
  static const char *const names[] = {"void", "int", "long", "size_t", "ssize_t",
                                      "bool", "double", NULL};
  for (int i = 0; names[i]; i++)
    if (!strcmp(t, names[i]))
      return true;
  return false;
}

// The canonical spelling of an arithmetic type written with the keywords
// signed, unsigned, char, short, int and long in any order; else text.
static const char *arith_spelling(const char *text) {
  int n[6] = {0};   // signed unsigned char short int long
  static const char *const words[] = {"signed", "unsigned", "char", "short", "int", "long"};
  for (const char *p = text; *p;) {
    while (*p == ' ')
      p++;
    size_t len = strcspn(p, " ");
    if (!len)
      break;
    int k = 0;
    while (k < 6 && !(strlen(words[k]) == len && !memcmp(p, words[k], len)))
      k++;
    if (k == 6)
      return text;
    n[k]++;
    p += len;
  }
  const char *u = n[1] ? "unsigned " : "";
  if (n[2])
    return arena_printf("%s%schar", u, n[0] ? "signed " : "");
  if (n[3])
    return arena_printf("%sshort", u);
  if (n[5])
    return arena_printf("%s%s", u, n[5] > 1 ? "long long" : "long");
  return n[0] + n[1] + n[4] ? arena_printf("%sint", u) : text;
}

// T without its top-level qualifiers (the words after its last `*`, or all
// of them in a type without one): a future's value is never qualified (a
// function's result is not, C17 6.7.6.3p5), so ac_future(const int) is
// ac_future_int, as `async const int f()` returns.
static const char *unqualified(const char *text) {
  if (strpbrk(text, "(["))
    return text;   // a declarator form: left as written
  const char *star = strrchr(text, '*');
  const char *from = star ? star + 1 : text;
  char *out = arena_strndup(text, from - text);
  for (const char *p = from; *p;) {
    int sp = strspn(p, " ");
    int len = strcspn(p + sp, " ");
    bool qual = (len == 5 && !strncmp(p + sp, "const", 5)) ||
                (len == 8 && !strncmp(p + sp, "volatile", 8)) ||
                (len == 8 && !strncmp(p + sp, "restrict", 8)) ||
                (len == 7 && !strncmp(p + sp, "_Atomic", 7));
    if (!qual)
      out = arena_printf("%s%s%.*s", out, *out && sp ? " " : "", len, p + sp);
    p += sp + len;
  }
  return out;
}

char *futures_name(const Facts *facts, const char *text, char **decl) {
  *decl = "";
  text = arith_spelling(unqualified(text));
  if (is_builtin_future(text))
    return arena_printf("ac_future_%s", text);
  const FutureDecl *d = facts ? facts_future_of(facts, text) : NULL;
  if (d)
    return d->name;
  if (!strcmp(text, "void *") || !strcmp(text, "void*"))
    return "ac_future_ptr";
  char *m = arena_strndup(text, strlen(text));
  char *w = m;
  bool sep = false;
  for (const char *p = text; *p; p++) {
    if (*p == '*') {
      *w++ = 'p';
      sep = false;
    } else if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
               (*p >= '0' && *p <= '9') || *p == '_') {
      if (sep && w > m)
        *w++ = '_';
      *w++ = *p;
      sep = false;
    } else {
      sep = true;
    }
  }
  *w = 0;
  *decl = arena_printf("#ifndef AC__FUTURE_DECLARED_%s\n#define AC__FUTURE_DECLARED_%s\n"
                       "AC_FUTURE_DECLARE(%s, %s)\n#endif\n", m, m, m, text);
  return arena_printf("ac_future_%s", m);
}
