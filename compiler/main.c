// main.c: the asyncc command; reads as the pipeline.
//
//   scan -> headers -> view -> facts (libclang) -> parse -> join -> emit
//
// A file in which the scanner finds no dialect word and nothing suspicious
// never reaches libclang: it is copied as it is, which is both exact and
// fast.  Options are options.c's; output is written last (output.c), so
// an error at any stage leaves every existing output file alone.

#include "acc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

// ASYNCC_TIMES=1 in the environment: each stage's CPU and wall time on
// standard error, as "asyncc: time: STAGE cpu MS wall MS" (docs/performance.md).
static bool times_on(void) {
  static int on = -1;
  if (on < 0) {
    const char *e = getenv("ASYNCC_TIMES");
    on = e && *e && strcmp(e, "0");
  }
  return on;
}

static void stage_done(const char *stage) {
  static struct timespec cpu0, wall0;
  if (!times_on())
    return;
  struct timespec cpu, wall;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  clock_gettime(CLOCK_MONOTONIC, &wall);
  if (*stage) {   // "" starts the clocks
    fprintf(stderr, "asyncc: time: %-10s cpu %7.1f ms  wall %7.1f ms\n", stage,
            (cpu.tv_sec - cpu0.tv_sec) * 1e3 + (cpu.tv_nsec - cpu0.tv_nsec) / 1e6,
            (wall.tv_sec - wall0.tv_sec) * 1e3 + (wall.tv_nsec - wall0.tv_nsec) / 1e6);
  }
  cpu0 = cpu;
  wall0 = wall;
}

// Whether one of the user's include folders holds <asyncc.h>.
static bool user_has_asyncc_h(const Options *o) {
  for (int i = 0; i + 1 < o->clang.argc; i++) {
    const char *a = o->clang.argv[i];
    if ((!strcmp(a, "-I") || !strcmp(a, "-iquote") || !strcmp(a, "-isystem") ||
         !strcmp(a, "-idirafter")) &&
        access(arena_printf("%s/asyncc.h", o->clang.argv[i + 1]), R_OK) == 0)
      return true;
  }
  return false;
}

// <asyncc.h> is found next to the tool: runtime/ in the build tree,
// include/ once installed.  Added last, so the user's -I flags win; not
// added when they find it, for a folder given both with -I and as a
// system folder would count as a system folder (and -MMD would drop
// every header in it).
static void add_own_include_dir(Options *o) {
  if (user_has_asyncc_h(o))
    return;
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return;
  exe[n] = 0;
  const char *dir = dirname(exe);
  static const char *const rel[] = {"/../runtime", "/../../runtime", "/../include", NULL};
  for (int i = 0; rel[i]; i++) {
    char *cand = arena_printf("%s%s", dir, rel[i]);
    char real[4096];
    if (access(arena_printf("%s/asyncc.h", cand), R_OK) == 0 && realpath(cand, real)) {
      cand = arena_strndup(real, strlen(real));
      o->clang.argv = arena_grow(o->clang.argv, sizeof(char *) * o->clang.argc,
                                 sizeof(char *) * (o->clang.argc + 2));
      o->clang.argv[o->clang.argc++] = "-idirafter";
      o->clang.argv[o->clang.argc++] = cand;
      return;
    }
  }
}

// Reports what the scanner found: before libclang ran (facts == NULL) only
// what no #if can hide, after it what lies outside skipped #if groups.
static void report_scan_problems(TokenList *tl, Facts *facts) {
  for (int i = 0; i < tl->problems.len; i++) {
    ScanProblem *p = &tl->problems.data[i];
    if (!facts ? !p->always_report
               : p->always_report || facts_is_skipped(facts, p->anchor))
      continue;
    diag_error(p->off, "%s", p->msg);
  }
}

// Brace balance over the tokens the compiler will see.  Reported before
// libclang's messages, which would point at the end of the file.
static void check_braces(Source *src, TokenList *tl) {
  VEC(int) open = {0};
  for (int i = 0; i < tl->ntoks; i++) {
    Token *t = &tl->toks[i];
    if (t->kind != TK_PUNCT || (t->flags & TF_SKIPPED))
      continue;
    if (scan_token_is(src, t, "{") || scan_token_is(src, t, "<%")) {
      vec_push(&open, t->off);
    } else if (scan_token_is(src, t, "}") || scan_token_is(src, t, "%>")) {
      if (open.len == 0) {
        diag_error(t->off, "'}' without a matching '{'");
        return;
      }
      open.len--;
    }
  }
  if (open.len > 0)
    diag_error(open.data[open.len - 1], "'{' is never closed (missing '}')");
}

static bool is_type_name(void *ctx, const Token *t) {
  const Facts *facts = ctx;
  return facts_find(facts, FK_TYPEREF, t->off, -1) != NULL;
}

static int is_attr_macro(void *ctx, const Token *t) {
  return facts_attr_macro_at(ctx, t->off);
}

static void parse_async_bodies(Source *src, TokenList *tl, Facts *facts) {
  an_check_file(src, facts);
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next) {
    if (fn->body_off < 0)
      continue;
    ParseInput in = {.src = src, .tl = tl, .is_type_name = is_type_name,
                     .is_attr_macro = is_attr_macro, .ctx = facts};
    in.first = header_token_at(tl, fn->body_off);
    in.last = header_token_at(tl, fn->body_end - 1);
    if (in.first < 0 || in.last < 0)
      diag_internal(__FILE__, __LINE__, "body of '%s' has no brace tokens", fn->name);
    fn->body = parse_body(&in);
    if (!fn->body)
      continue;
    join_body(src, facts, fn);
    an_check(src, facts, fn);
  }
}

static void dump_trees(Source *src, Facts *facts) {
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next) {
    printf("async %s -> %s\n", fn->name, fn->result_type ? fn->result_type : "?");
    if (!fn->body)
      continue;
    char *buf;
    size_t len;
    parse_dump(src, fn->body, &buf, &len);
    fwrite(buf, 1, len, stdout);
    free(buf);
  }
}

// The headers a file without dialect words includes, for -M and -MD: the
// preprocessor runs, but nothing is checked or reported.
static void find_includes(Source *src, TokenList *tl, Options *opt, Facts *facts) {
  if (!opt->dep_file)
    return;
  add_own_include_dir(opt);
  PlainBodies plain = hollow_find(src, tl, facts);   // nothing is reported: none kept
  for (int i = 0; i < plain.bodies.len; i++)
    plain.bodies.data[i].kept = false;
  View *view = view_build(src, tl, facts, &plain);
  input_guard(true);
  facts_close(facts_parse(src, tl, view, &opt->clang, facts));
  input_guard(false);
}

// A report (--explain, --dump-plan, --dump-tree) that could not be written
// in full is an error, as the C output's would be (a full disk, a closed
// pipe).
static void finish_report(FILE *fp) {
  if (fflush(fp) != 0 || ferror(fp))
    diag_die("cannot write the report: %s", strerror(errno ? errno : EIO));
}

int main(int argc, char **argv) {
  stage_done("");
  Options opt = options_parse(argc, argv);
  struct stat in_st;
  Source *src = input_read(opt.input, &in_st);
  diag_init(src);
  output_decide(&opt, &in_st);

  stage_done("read");
  TokenList tl = scan_file(src);
  stage_done("scan");
  Facts facts = {0};
  header_find_async(src, &tl, &facts);
  stage_done("headers");
  if (tl.ndialect == 0 && tl.dir_words.len == 0 && tl.problems.len == 0) {
    find_includes(src, &tl, &opt, &facts);
    if (opt.explain) {   // no async function: an empty report (valid JSON, dot)
      FILE *explain = opt.c_output && !strcmp(opt.c_output, "-") ? stderr : stdout;
      explain_begin(explain, opt.explain, src);
      explain_end(explain);
      finish_report(explain);
    }
    output_write(&opt, src->text, src->len, &facts);   // no dialect: exact copy
    return 0;
  }

  report_scan_problems(&tl, NULL);   // first pass: only always_report ones count
  entry_find_main(src, &facts);
  diag_exit_if_errors();

  add_own_include_dir(&opt);
  stage_done("checks");
  PlainBodies plain = hollow_find(src, &tl, &facts);
  stage_done("hollow");
  View *view = view_build(src, &tl, &facts, &plain);
  stage_done("view");
  input_guard(true);
  Clang *clang = facts_parse(src, &tl, view, &opt.clang, &facts);
  stage_done("libclang");
  // A hollowed body that uses a name declared with a future in its type
  // (a header's function) needs libclang after all: parse once more.
  if (plain.nhollow) {
    TextSet names = facts_future_names(clang);
    if (hollow_keep_users(src, &tl, &plain, &names)) {
      facts_close(clang);
      view = view_build(src, &tl, &facts, &plain);
      clang = facts_parse(src, &tl, view, &opt.clang, &facts);
    }
    stage_done("names");
  }
  if (times_on())
    fprintf(stderr, "asyncc: time: %d plain function bodies, %d hollowed\n",
            plain.bodies.len, plain.nhollow);
  input_guard(false);
  header_drop_skipped(src, &tl, &facts);
  report_scan_problems(&tl, &facts);
  check_braces(src, &tl);
  diag_exit_if_errors();
  facts_collect(clang);
  stage_done("facts");
  facts_close(clang);
  stage_done("close");
  diag_exit_if_errors();

  parse_async_bodies(src, &tl, &facts);
  diag_exit_if_errors();
  stage_done("parse");

  if (opt.dump_tree) {
    dump_trees(src, &facts);
    finish_report(stdout);
    return 0;
  }
  if (opt.dump_plan) {   // before lowering: the plan alone decides it
    for (AsyncFn *fn = facts.fns; fn; fn = fn->next)
      if (fn->body) {
        Plan *plan = plan_build(src, fn);
        plan_dump(src, fn, plan, stdout);
        layout_dump(layout_build(fn, plan), stdout);
      }
    finish_report(stdout);
    return 0;
  }
  EditList edits = {0};
  lower_future_types(src, &facts, &edits);
  // The report goes to standard output unless the C does.
  FILE *explain = !opt.explain ? NULL
                  : opt.c_output && !strcmp(opt.c_output, "-") ? stderr : stdout;
  if (!opt.no_embed)
    lower_plan_embedding(src, &facts);
  if (explain)
    explain_begin(explain, opt.explain, src);
  for (AsyncFn *fn = facts.fns; fn; fn = fn->next) {
    lower_function(src, &facts, fn, &edits, fn->body ? explain : NULL, opt.frame_limit);
    header_keep_directives(src, &tl, fn, &edits);
  }
  if (explain)
    explain_end(explain);
  entry_add_main(src, &facts, &edits);
  // A file that changes names the dialect file from its first line, so that
  // __FILE__ and messages before the first async function name it too; one
  // that does not change stays byte for byte the same.
  if (edits.edits.len)
    emit_first(&edits, source_line_directive(src, 1) + 1);
  diag_exit_if_errors();

  stage_done("lower");
  size_t len;
  // Generated lines name the C output (docs/lowering.md, "Line mapping").
  char *out = emit_apply(src, &edits, &len,
                         opt.c_output && strcmp(opt.c_output, "-") ? opt.c_output : "<stdout>");
  if (explain)
    finish_report(explain);
  stage_done("emit");
  output_write(&opt, out, len, &facts);
  free(out);
  stage_done("write");
  return 0;
}
