// main.c: the asyncc command; reads as the pipeline.
//
//   scan -> headers -> view -> facts (libclang) -> parse -> join -> emit
//
// A file in which the scanner finds no dialect word and nothing suspicious
// never reaches libclang: it is copied as it is, which is both exact and
// fast.  Output is written last, through a temporary file renamed into
// place, so an error at any stage leaves an existing output file alone.

#include "acc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct {
  const char *input;
  const char *output;       // NULL: standard output
  ClangArgs clang;
  bool dump_tree;
  bool explain;
  bool no_embed;            // --no-embed
  long frame_limit;         // -Wframe-larger-than=N
  const char *dep_file;     // -MD / -MF: where to write make dependencies
  bool dep_phony;           // -MP: a phony target per header
  bool dep_md;              // -MD without -MF: next to the output
} Options;

static const char usage[] =
    "usage: asyncc [options] input.c -o output.c\n"
    "\n"
    "Rewrites the async functions of a C file written in the asyncc dialect\n"
    "into plain C (see docs/lowering.md).  A file without async functions is\n"
    "copied unchanged.\n"
    "\n"
    "options:\n"
    "  -o FILE          write the output to FILE (default: standard output)\n"
    "  -I DIR, -isystem DIR, -idirafter DIR, -include FILE\n"
    "  -D NAME[=VALUE], -U NAME, -std=STD\n"
    "                   as for the C compiler; give the same ones as for it\n"
    "  --explain        print what each async function costs: its states, the\n"
    "                   locals hoisted into its frame and why, spilled\n"
    "                   temporaries, the frame's layout (on standard output, or\n"
    "                   standard error when the output goes there)\n"
    "  --no-embed       do not embed the frame of an awaited static callee in\n"
    "                   its caller's frame: smaller frames, but an allocation\n"
    "                   each time such a callee suspends\n"
    "  -Wframe-larger-than=N\n"
    "                   warn when a frame exceeds N bytes (default 4096)\n"
    "  -w               no warnings\n"
    "  -MD              write make dependencies to OUTPUT.d (output without .c)\n"
    "  -MF FILE         write them to FILE\n"
    "  -MP              add a phony target for each header, as cc -MP\n"
    "  --dump-tree      print each async body's syntax tree and stop\n"
    "  --help           print this help\n"
    "  --version        print the version\n";

static void add_clang_arg(Options *o, const char *arg) {
  o->clang.argv = arena_grow(o->clang.argv, sizeof(char *) * o->clang.argc,
                             sizeof(char *) * (o->clang.argc + 1));
  o->clang.argv[o->clang.argc++] = arg;
}

// -I DIR and -IDIR both work, as in cc.
static bool take_path_option(Options *o, int argc, char **argv, int *i,
                             const char *opt) {
  size_t n = strlen(opt);
  if (strncmp(argv[*i], opt, n))
    return false;
  if (argv[*i][n]) {
    if (n > 2)   // -isystemDIR is not a form cc accepts either
      return false;
    add_clang_arg(o, argv[*i]);
    return true;
  }
  if (*i + 1 >= argc)
    diag_die("missing argument to '%s'", opt);
  add_clang_arg(o, opt);
  add_clang_arg(o, argv[++*i]);
  return true;
}

static Options parse_args(int argc, char **argv) {
  Options o = {.frame_limit = 4096};
  static const char *const path_opts[] = {"-I", "-D", "-U", "-isystem", "-idirafter",
                                          "-include", NULL};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
      fputs(usage, stdout);
      exit(0);
    }
    if (!strcmp(a, "--version")) {
      printf("asyncc %s (libclang: ", ASYNCC_VERSION);
      fflush(stdout);
      facts_print_clang_version();
      exit(0);
    }
    if (!strcmp(a, "-o")) {
      if (i + 1 >= argc)
        diag_die("missing file name after '-o'");
      o.output = argv[++i];
      continue;
    }
    if (!strcmp(a, "--dump-tree")) {
      o.dump_tree = true;
      continue;
    }
    if (!strcmp(a, "--explain")) {
      o.explain = true;
      continue;
    }
    if (!strcmp(a, "--no-embed")) {
      o.no_embed = true;
      continue;
    }
    if (!strcmp(a, "-MD")) {
      o.dep_md = true;
      continue;
    }
    if (!strcmp(a, "-MP")) {
      o.dep_phony = true;
      continue;
    }
    if (!strcmp(a, "-MF")) {
      if (i + 1 >= argc)
        diag_die("missing file name after '-MF'");
      o.dep_file = argv[++i];
      continue;
    }
    if (!strcmp(a, "-w")) {
      diag_no_warnings();
      continue;
    }
    if (!strncmp(a, "-Wframe-larger-than=", 20)) {
      char *end;
      o.frame_limit = strtol(a + 20, &end, 10);
      if (*end || o.frame_limit <= 0)
        diag_die("'%s': expected a number of bytes", a);
      continue;
    }
    if (!strncmp(a, "-std=", 5)) {
      add_clang_arg(&o, a);
      continue;
    }
    bool taken = false;
    for (int k = 0; path_opts[k] && !taken; k++)
      taken = take_path_option(&o, argc, argv, &i, path_opts[k]);
    if (taken)
      continue;
    if (a[0] == '-' && a[1])
      diag_die("unknown option '%s' (see asyncc --help)", a);
    if (o.input)
      diag_die("more than one input file ('%s' and '%s')", o.input, a);
    o.input = a;
  }
  if (!o.input)
    diag_die("no input file (see asyncc --help)");
  if (o.output && !strcmp(o.output, "-"))
    o.output = NULL;
  if ((o.dep_md || o.dep_file) && !o.output)
    diag_die("-MD and -MF need an output file (-o)");
  if (o.dep_md && !o.dep_file) {
    size_t n = strlen(o.output);
    if (n > 2 && !strcmp(o.output + n - 2, ".c"))
      n -= 2;
    o.dep_file = arena_printf("%.*s.d", (int)n, o.output);
  }
  return o;
}

// <asyncc.h> is found next to the tool: runtime/ in the build tree,
// include/ once installed.  Added last, so the user's -I flags win.
static void add_own_include_dir(Options *o) {
  char exe[4096];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n <= 0)
    return;
  exe[n] = 0;
  const char *dir = dirname(exe);
  static const char *const rel[] = {"/../runtime", "/../../runtime", "/../include", NULL};
  for (int i = 0; rel[i]; i++) {
    char *cand = arena_printf("%s%s", dir, rel[i]);
    if (access(arena_printf("%s/asyncc.h", cand), R_OK) == 0) {
      add_clang_arg(o, "-idirafter");
      add_clang_arg(o, cand);
      return;
    }
  }
}

bool write_file_atomic(const char *path, const char *data, size_t len) {
  char *tmp = arena_printf("%s.asyncc-XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0)
    return false;
  mode_t mask = umask(0);
  umask(mask);
  fchmod(fd, 0666 & ~mask);
  FILE *fp = fdopen(fd, "wb");
  bool ok = fp && fwrite(data, 1, len, fp) == len;
  ok = (fp ? fclose(fp) == 0 : (close(fd), false)) && ok;
  if (ok && rename(tmp, path) == 0)
    return true;
  unlink(tmp);
  return false;
}

// make's rule: the output depends on the input and every header it read.
static void write_deps(const Options *o, const Facts *facts) {
  if (!o->dep_file)
    return;
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  fprintf(fp, "%s: %s", o->output, o->input);
  for (int i = 0; i < facts->includes.len; i++)
    fprintf(fp, " \\\n  %s", facts->includes.data[i]);
  fputc('\n', fp);
  for (int i = 0; o->dep_phony && i < facts->includes.len; i++)
    fprintf(fp, "\n%s:\n", facts->includes.data[i]);
  fclose(fp);
  if (!write_file_atomic(o->dep_file, buf, len))
    diag_die("cannot write %s: %s", o->dep_file, strerror(errno));
  free(buf);
}

static void write_output(const Options *o, const char *data, size_t len) {
  if (!o->output) {
    if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
      diag_die("cannot write the output");
    return;
  }
  if (!write_file_atomic(o->output, data, len))
    diag_die("cannot write %s: %s", o->output, strerror(errno));
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

static void parse_async_bodies(Source *src, TokenList *tl, Facts *facts) {
  for (AsyncFn *fn = facts->fns; fn; fn = fn->next) {
    if (fn->body_off < 0)
      continue;
    ParseInput in = {.src = src, .tl = tl, .is_type_name = is_type_name, .ctx = facts};
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

int main(int argc, char **argv) {
  Options opt = parse_args(argc, argv);
  Source *src = source_read(opt.input);
  diag_init(src);
  if (opt.output && !strcmp(opt.output, opt.input))
    diag_die("the output file would overwrite the input %s", opt.input);

  TokenList tl = scan_file(src);
  Facts facts = {0};
  header_find_async(src, &tl, &facts);
  if (tl.ndialect == 0 && tl.dir_words.len == 0 && tl.problems.len == 0) {
    if (opt.dump_tree)
      return 0;
    write_output(&opt, src->text, src->len);   // no dialect: exact copy
    write_deps(&opt, &facts);
    return 0;
  }

  report_scan_problems(&tl, NULL);   // first pass: only always_report ones count
  entry_find_main(src, &facts);
  diag_exit_if_errors();

  add_own_include_dir(&opt);
  View *view = view_build(src, &tl, &facts);
  Clang *clang = facts_parse(src, &tl, view, &opt.clang, &facts);
  header_drop_skipped(src, &tl, &facts);
  report_scan_problems(&tl, &facts);
  check_braces(src, &tl);
  diag_exit_if_errors();
  facts_collect(clang);
  facts_close(clang);
  diag_exit_if_errors();

  parse_async_bodies(src, &tl, &facts);
  diag_exit_if_errors();

  if (opt.dump_tree) {
    dump_trees(src, &facts);
    return 0;
  }
  EditList edits = {0};
  lower_future_types(src, &facts, &edits);
  FILE *explain = !opt.explain ? NULL : opt.output ? stdout : stderr;
  if (!opt.no_embed)
    lower_plan_embedding(src, &facts);
  for (AsyncFn *fn = facts.fns; fn; fn = fn->next) {
    lower_function(src, &facts, fn, &edits, fn->body ? explain : NULL, opt.frame_limit);
    header_keep_directives(src, &tl, fn, &edits);
  }
  entry_add_main(src, &facts, &edits);
  diag_exit_if_errors();

  size_t len;
  char *out = emit_apply(src, &edits, &len);
  write_output(&opt, out, len);
  write_deps(&opt, &facts);
  free(out);
  return 0;
}
