// test_scan.c: the flex scanner's tokens, offsets and problems.

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "acc.h"

static Source *src_of(const char *text) {
  return source_from_string("t.c", text, strlen(text));
}

// The tokens of text as "KIND:spelling" joined by spaces.
static char *tokens_of(const char *text) {
  Source *src = src_of(text);
  TokenList tl = scan_file(src);
  static const char *const kinds[] = {
      [TK_IDENT] = "id", [TK_KEYWORD] = "kw", [TK_ASYNC] = "ASYNC",
      [TK_AWAIT] = "AWAIT", [TK_PUNCT] = "p", [TK_NUM] = "num", [TK_STR] = "str",
      [TK_CHAR] = "chr", [TK_HASH_LINE] = "dir", [TK_EOF] = "eof",
  };
  char *out = "";
  for (int i = 0; i < tl.ntoks; i++) {
    Token *t = &tl.toks[i];
    out = arena_printf("%s%s%s:%.*s", out, i ? " " : "", kinds[t->kind], t->len,
                       src->text + t->off);
  }
  return out;
}

static void scan_keywords_identifiers_and_numbers(void **state) {
  (void)state;
  assert_string_equal(tokens_of("int x1 = 0x1fUL;"),
                      "kw:int id:x1 p:= num:0x1fUL p:; eof:");
  assert_string_equal(tokens_of("a->b ... >>= 1.5e+3"),
                      "id:a p:-> id:b p:... p:>>= num:1.5e+3 eof:");
}

static void scan_await_and_async_are_keywords(void **state) {
  (void)state;
  assert_string_equal(tokens_of("async int f(void) { return await g(); }"),
                      "ASYNC:async kw:int id:f p:( kw:void p:) p:{ kw:return "
                      "AWAIT:await id:g p:( p:) p:; p:} eof:");
}

static void scan_await_in_comment_is_text(void **state) {
  (void)state;
  assert_string_equal(tokens_of("/* await */ x // async\n y"), "id:x id:y eof:");
}

static void scan_await_in_string_is_text(void **state) {
  (void)state;
  assert_string_equal(tokens_of("s = \"await x\"; c = 'a';"),
                      "id:s p:= str:\"await x\" p:; id:c p:= chr:'a' p:; eof:");
}

static void scan_longer_identifiers_are_names(void **state) {
  (void)state;
  assert_string_equal(tokens_of("awaiting async_io _await"),
                      "id:awaiting id:async_io id:_await eof:");
}

static void scan_member_named_async_is_a_name(void **state) {
  (void)state;
  assert_string_equal(tokens_of("h.async = p->await;"),
                      "id:h p:. id:async p:= id:p p:-> id:await p:; eof:");
}

static void scan_directive_is_one_token(void **state) {
  (void)state;
  assert_string_equal(tokens_of("#include <a.h>\n  # define X \\\n  1\nint"),
                      "dir:#include <a.h> dir:# define X \\\n  1 kw:int eof:");
}

static void scan_hash_inside_line_is_punct(void **state) {
  (void)state;
  assert_string_equal(tokens_of("x # y"), "id:x p:# id:y eof:");
}

static void scan_await_in_directive_is_remembered(void **state) {
  (void)state;
  Source *src = src_of("int a;\n#define AW(x) await x\n");
  TokenList tl = scan_file(src);
  assert_int_equal(tl.dir_words.len, 1);
  assert_int_equal(tl.dir_words.data[0], 21);
  assert_int_equal(tl.ndialect, 0);
}

static void scan_offsets_are_bytes_of_the_file(void **state) {
  (void)state;
  Source *src = src_of("\tint  x;\n  await y;");
  TokenList tl = scan_file(src);
  assert_int_equal(tl.toks[0].off, 1);
  assert_int_equal(tl.toks[1].off, 6);
  assert_int_equal(tl.toks[3].off, 11);
  assert_int_equal(tl.toks[3].kind, TK_AWAIT);
  int line, col;
  source_pos(src, tl.toks[3].off, &line, &col);
  assert_int_equal(line, 2);
  assert_int_equal(col, 3);
}

static void scan_unterminated_comment_is_reported_at_its_start(void **state) {
  (void)state;
  Source *src = src_of("int x;\n  /* no end\n\n");
  TokenList tl = scan_file(src);
  assert_int_equal(tl.problems.len, 1);
  assert_int_equal(tl.problems.data[0].off, 9);
  assert_true(tl.problems.data[0].always_report);
  assert_string_equal(tl.problems.data[0].msg, "unterminated comment");
}

static void scan_unterminated_string_is_a_problem(void **state) {
  (void)state;
  Source *src = src_of("s = \"abc\nint x;");
  TokenList tl = scan_file(src);
  assert_int_equal(tl.problems.len, 1);
  assert_int_equal(tl.problems.data[0].off, 4);
  assert_false(tl.problems.data[0].always_report);
  assert_string_equal(tokens_of("s = \"abc\nint x;"),
                      "id:s p:= str:\"abc kw:int id:x p:; eof:");
}

static void scan_stray_bytes_are_problems(void **state) {
  (void)state;
  Source *src = src_of("int @ x; \x01");
  TokenList tl = scan_file(src);
  assert_int_equal(tl.problems.len, 2);
  assert_string_equal(tl.problems.data[0].msg, "stray '@' in program");
  assert_string_equal(tl.problems.data[1].msg, "stray '\\1' in program");
}

static void scan_nul_byte_is_a_problem(void **state) {
  (void)state;
  Source *src = source_from_string("t.c", "int\0x;", 6);
  TokenList tl = scan_file(src);
  assert_int_equal(tl.problems.len, 1);
  assert_int_equal(tl.problems.data[0].off, 3);
}

static void scan_line_splice_continues_a_line_comment(void **state) {
  (void)state;
  assert_string_equal(tokens_of("// a \\\n await\nx"), "id:x eof:");
}

static void scan_raw_string_is_one_token(void **state) {
  (void)state;
  assert_string_equal(tokens_of("s = R\"x(a)\" await )x\"; t = u8R\"(\n)\";"),
                      "id:s p:= str:R\"x(a)\" await )x\" p:; id:t p:= str:u8R\"(\n)\" p:; eof:");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(scan_keywords_identifiers_and_numbers),
      cmocka_unit_test(scan_await_and_async_are_keywords),
      cmocka_unit_test(scan_await_in_comment_is_text),
      cmocka_unit_test(scan_await_in_string_is_text),
      cmocka_unit_test(scan_longer_identifiers_are_names),
      cmocka_unit_test(scan_member_named_async_is_a_name),
      cmocka_unit_test(scan_directive_is_one_token),
      cmocka_unit_test(scan_hash_inside_line_is_punct),
      cmocka_unit_test(scan_await_in_directive_is_remembered),
      cmocka_unit_test(scan_offsets_are_bytes_of_the_file),
      cmocka_unit_test(scan_unterminated_comment_is_reported_at_its_start),
      cmocka_unit_test(scan_unterminated_string_is_a_problem),
      cmocka_unit_test(scan_stray_bytes_are_problems),
      cmocka_unit_test(scan_nul_byte_is_a_problem),
      cmocka_unit_test(scan_line_splice_continues_a_line_comment),
      cmocka_unit_test(scan_raw_string_is_one_token),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
