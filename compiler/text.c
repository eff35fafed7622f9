// text.c: small helpers on C text held in strings (type spellings,
// attribute text), shared by the stages that rewrite them.

#include "acc.h"

#include <ctype.h>
#include <string.h>

const char *text_close_paren(const char *open) {
  int depth = 0;
  for (const char *p = open; *p; p++)
    if (*p == '(')
      depth++;
    else if (*p == ')' && --depth == 0)
      return p;
  return NULL;
}

// s as the contents of a C string literal, for the file names of #line
// directives and linemarkers: `"` and `\` escaped, and a control byte (a
// newline in a file name) as a three-digit octal escape, which gcc and
// clang read back as the byte.
char *text_c_string(const char *s) {
  size_t n = 0;
  for (const char *p = s; *p; p++)
    n += (unsigned char)*p < 0x20 || *p == 0x7f ? 4 : *p == '"' || *p == '\\' ? 2 : 1;
  char *t = arena_alloc(n + 1), *q = t;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p < 0x20 || *p == 0x7f) {
      *q++ = '\\';
      *q++ = '0' + (*p >> 6);
      *q++ = '0' + ((*p >> 3) & 7);
      *q++ = '0' + (*p & 7);
    } else {
      if (*p == '"' || *p == '\\')
        *q++ = '\\';
      *q++ = *p;
    }
  }
  return t;
}

// FNV-1a over s[0..n): the hash of the back end's name sets.
unsigned text_hash(const char *s, int n) {
  unsigned h = 2166136261u;
  for (int i = 0; i < n; i++)
    h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

// TextSet: open addressing, at most half full; most names not in a small
// set are told by the bloom bits alone.
static uint64_t bloom_bit(const char *s, int n) {
  return 1ull << ((n * 31u + (unsigned char)(n ? s[0] : 0)) & 63);
}

static void set_put(TextSet *set, const char *s, int n) {
  set->bloom |= bloom_bit(s, n);
  unsigned i = text_hash(s, n) & (set->cap - 1);
  while (set->text[i])
    i = (i + 1) & (set->cap - 1);
  set->text[i] = s;
  set->len[i] = n;
  set->count++;
}

void text_set_add(TextSet *set, const char *s, int n) {
  if (text_set_has(set, s, n))
    return;
  if (2 * (set->count + 1) > set->cap) {
    TextSet old = *set;
    set->cap = old.cap ? 2 * old.cap : 64;
    set->text = arena_alloc(set->cap * sizeof *set->text);
    set->len = arena_alloc(set->cap * sizeof *set->len);
    set->count = 0;
    for (int i = 0; i < old.cap; i++)
      if (old.text[i])
        set_put(set, old.text[i], old.len[i]);
  }
  set_put(set, s, n);
}

bool text_set_has(const TextSet *set, const char *s, int n) {
  if (!(set->bloom & bloom_bit(s, n)))
    return false;
  for (unsigned i = text_hash(s, n) & (set->cap - 1); set->text[i]; i = (i + 1) & (set->cap - 1))
    if (set->len[i] == n && !memcmp(set->text[i], s, n))
      return true;
  return false;
}

const char *text_skip_blanks(const char *p, const char *end) {
  for (;;) {
    while (p < end && (*p == ' ' || *p == '\t'))
      p++;
    if (end - p < 4 || p[0] != '/' || p[1] != '*')
      return p;
    const char *q = p + 2;
    while (q + 1 < end && !(q[0] == '*' && q[1] == '/'))
      q++;
    if (q + 1 >= end)
      return p;
    p = q + 2;
  }
}

bool text_is_loop_pragma(const char *p, const char *end) {
  static const char *loops[] = {"GCC unroll", "GCC ivdep", "GCC novector", "unroll",
                                "nounroll", "unroll_and_jam", "nounroll_and_jam",
                                "clang loop", NULL};
  for (int i = 0; loops[i]; i++) {
    const char *w = loops[i], *q = text_skip_blanks(p, end);
    while (*w) {   // word by word
      size_t n = strcspn(w, " ");
      if ((size_t)(end - q) < n || memcmp(q, w, n) ||
          (q + n < end && (isalnum((unsigned char)q[n]) || q[n] == '_')))
        break;
      q = text_skip_blanks(q + n, end);
      w += n + (w[n] == ' ');
    }
    if (!*w)
      return true;
  }
  return false;
}
