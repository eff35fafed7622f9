// options.c: the command line, in the C compiler's style.
//
// asyncc runs beside a C compiler whose flags the build already holds, so
// `asyncc $(CPPFLAGS) $(CFLAGS) x.ac -o x.c` must work.  Every argument is
// one of four kinds:
//   - preprocessor flags, given to libclang as they are (-I -D -U -include
//     -imacros -iquote -isystem -idirafter -nostdinc -std= --sysroot
//     -target, the ABI flags -m32 -m64 -mx32, -funsigned-char ...);
//   - dependency flags, written as gcc writes them (-M -MM -MD -MMD -MF
//     -MT -MQ -MP; output.c);
//   - warning flags for asyncc's own warnings (-w -Werror -Wno-NAME ...),
//     where a name that is not ours belongs to the C compiler and is
//     ignored;
//   - the C compiler's other flags (-O2 -g -Wall -fPIC -march=native
//     -pthread -c -pipe ...), accepted and ignored.
// What is neither is an error naming it.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: asyncc [options] input.c -o output.c\n"
    "\n"
    "Rewrites the async functions of a C file written in the asyncc dialect\n"
    "into plain C.  A file without async functions is copied unchanged.\n"
    "Accepts the C compiler's flags: give it $(CPPFLAGS) $(CFLAGS).\n"
    "The manual: man asyncc (or man -l docs/asyncc.1 in the source tree).\n"
    "\n"
    "  -o FILE          write the output to FILE ('-': standard output; the\n"
    "                   default, except with --explain, which then writes no C)\n"
    "  -                read the input from standard input\n"
    "  -fsyntax-only    check the file, write no output\n"
    "  --explain[=FORMAT]\n"
    "                   print what each async function costs: states, the\n"
    "                   locals hoisted into its frame and why, spilled\n"
    "                   temporaries, the frame's layout; FORMAT: text (the\n"
    "                   default), dot (a Graphviz picture of each state\n"
    "                   machine) or json (for tools)\n"
    "  --no-embed       do not embed the frame of an awaited static callee in\n"
    "                   its caller's frame\n"
    "\n"
    "preprocessor flags, as for the C compiler:\n"
    "  -I DIR  -D NAME[=VALUE]  -U NAME  -include FILE  -imacros FILE\n"
    "  -iquote DIR  -isystem DIR  -idirafter DIR  -nostdinc  -std=STD\n"
    "  --sysroot=DIR  -target TRIPLE  -m32 -m64 -mx32  -undef  -ansi\n"
    "  -funsigned-char  -fsigned-char  -fshort-enums  -fshort-wchar  -Wp,FLAG\n"
    "\n"
    "dependencies, as gcc writes them (default file: OUTPUT.d, e.g. x.c.d):\n"
    "  -M -MM -MD -MMD -MF FILE -MT TARGET -MQ TARGET -MP\n"
    "  -MJ FILE         write a compilation database entry for editors, as clang -MJ\n"
    "\n"
    "warnings (names: unused-future, blocking-call, spilled-await, frame-larger-than):\n"
    "  -Wno-NAME  -WNAME  -Werror  -Werror=NAME  -Wno-error=NAME  -w\n"
    "  -Wframe-larger-than=N   warn when a frame exceeds N bytes (8192)\n"
    "\n"
    "ignored (the C compiler's): -O* -g* -W* -f* -m* -pthread -c -S -pipe\n"
    "  -pedantic -L* -l* -x c ...\n"
    "\n"
    "  --dump-tree      print each async body's syntax tree and stop\n"
    "  --dump-plan      print each async function's plan (awaits in the order\n"
    "                   they run and what lives across each, temporaries and\n"
    "                   which are spilled, frame slots from live ranges) and stop\n"
    "  --help, --version\n";

static void add_clang_arg(Options *o, const char *arg) {
  o->clang.argv = arena_grow(o->clang.argv, sizeof(char *) * o->clang.argc,
                             sizeof(char *) * (o->clang.argc + 1));
  o->clang.argv[o->clang.argc++] = arg;
}

// The argument of an option written "-opt ARG" or, where joined says so,
// "-optARG" (or "-opt=ARG" for options spelt with a '=').  NULL: argv[*i]
// is another option.
static const char *option_arg(int argc, char **argv, int *i, const char *opt,
                              bool joined) {
  const char *a = argv[*i];
  size_t n = strlen(opt);
  if (strncmp(a, opt, n))
    return NULL;
  if (a[n]) {
    if (!joined)
      return NULL;
    return a + n + (opt[n - 1] != '=' && a[n] == '=' && !strncmp(opt, "--", 2));
  }
  if (*i + 1 >= argc)
    diag_die("missing argument to '%s'", opt);
  return argv[++*i];
}

// Preprocessor flags with an argument, given to libclang.  joined: also
// written -IDIR (cc accepts -isystemDIR too, but it is rare).
static const struct { const char *name; bool joined; } pp_opts[] = {
    {"-I", true}, {"-D", true}, {"-U", true}, {"-include", false},
    {"-imacros", false}, {"-iquote", true}, {"-isystem", true},
    {"-idirafter", true}, {"-isysroot", true}, {"-target", false},
    {"--sysroot", true}, {"--target", true}, {NULL, false},
};

// Flags without an argument that change what the preprocessor sees.
static const char *const pp_flags[] = {
    "-nostdinc", "-undef", "-m32", "-m64", "-mx32", "-funsigned-char",
    "-fsigned-char", "-fshort-enums", "-fshort-wchar", "-ansi", NULL,
};

// The C compiler's flags that take a separate argument: skipped with it.
static const char *const ignored_with_arg[] = {
    "-Xlinker", "-Xassembler", "-Xpreprocessor", "-L", "-l", "-T", "-u",
    "-z", "-aux-info", "-dumpdir", "-dumpbase", "-param", "--param", NULL,
};

// The C standards clang knows (clang -std=help, C only).
static bool known_c_standard(const char *std) {
  static const char *const stds[] = {
      "c89", "c90", "c99", "c9x", "c11", "c1x", "c17", "c18", "c2x", "c23", "c2y",
      "gnu89", "gnu90", "gnu99", "gnu9x", "gnu11", "gnu1x", "gnu17", "gnu18",
      "gnu2x", "gnu23", "gnu2y", "iso9899:1990", "iso9899:199409",
      "iso9899:1999", "iso9899:199x", "iso9899:2011", "iso9899:201x",
      "iso9899:2017", "iso9899:2018", "iso9899:2024", NULL,
  };
  for (int i = 0; stds[i]; i++)
    if (!strcmp(std, stds[i]))
      return true;
  return false;
}

// Flags of the C compiler that do not concern asyncc.  Conservative: a
// misspelt flag of asyncc's own must not vanish here, so only the
// compiler's families are matched.
static bool ignored_flag(const char *a) {
  static const char *const exact[] = {
      "-c", "-S", "-E", "-pipe", "-pthread", "-pthreads", "-pedantic",
      "-pedantic-errors", "-shared", "-static", "-static-libgcc", "-rdynamic",
      "-pie", "-no-pie", "-v", "-H", "-P", "-C", "-CC", "-save-temps",
      "-nostdlib", "-nodefaultlibs", "-nostartfiles", "-s", "-ffreestanding", NULL,
  };
  for (int i = 0; exact[i]; i++)
    if (!strcmp(a, exact[i]))
      return true;
  static const char *const prefixes[] = {"-O", "-g", "-W", "-f", "-m", "-L", "-l",
                                         "--param=", "-save-temps=", "-specs=", NULL};
  for (int i = 0; prefixes[i]; i++)
    if (!strncmp(a, prefixes[i], strlen(prefixes[i])))
      return true;
  return false;
}

// -Wp,A,B,... passes A B ... to the preprocessor: taken as arguments of
// their own (Debian's hardening flags write -Wp,-D_FORTIFY_SOURCE=2).
static void take_wp(Options *o, const char *list) {
  // -Wp,-MD,FILE and -Wp,-MMD,FILE: cpp's own spelling of -MD -MF FILE.
  if (!strncmp(list, "-MD,", 4) || !strncmp(list, "-MMD,", 5)) {
    o->dep_side = true;
    o->dep_user_only = list[2] == 'M';
    o->dep_file = strchr(list, ',') + 1;
    return;
  }
  char *copy = arena_strndup(list, strlen(list));
  for (char *save, *s = strtok_r(copy, ",", &save); s; s = strtok_r(NULL, ",", &save)) {
    char *argv[] = {"asyncc", s};
    int i = 1;
    if (!options_take_one(o, 2, argv, &i) || i != 1)
      diag_die("'-Wp,%s': only preprocessor flags without a separate argument "
               "can be given through -Wp", list);
  }
}

static void take_dep_target(Options *o, const char *t, bool quote) {
  vec_push(&o->dep_targets, ((DepTarget){.name = t, .quote = quote}));
}

// One argument (and its operand); false if it is not an option.
bool options_take_one(Options *o, int argc, char **argv, int *i) {
  const char *a = argv[*i], *v;
  if (a[0] != '-' || !a[1])
    return false;

  // asyncc's own.
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
    if (*i + 1 >= argc)
      diag_die("missing file name after '-o'");
    o->output = argv[++*i];
  } else if (!strncmp(a, "-o", 2)) {
    o->output = a + 2;
  } else if (!strcmp(a, "--dump-tree")) {
    o->dump_tree = true;
  } else if (!strcmp(a, "--dump-plan")) {
    o->dump_plan = true;
  } else if (!strcmp(a, "--explain") || !strcmp(a, "--explain=text")) {
    o->explain = EXPLAIN_TEXT;
  } else if (!strcmp(a, "--explain=dot")) {
    o->explain = EXPLAIN_DOT;
  } else if (!strcmp(a, "--explain=json")) {
    o->explain = EXPLAIN_JSON;
  } else if (!strncmp(a, "--explain=", 10)) {
    diag_die("unknown --explain format '%s' (text, dot or json)", a + 10);
  } else if (!strcmp(a, "--no-embed")) {
    o->no_embed = true;
  } else if (!strcmp(a, "-fsyntax-only")) {
    o->syntax_only = true;

  // Dependencies (output.c writes them).
  } else if (!strcmp(a, "-M") || !strcmp(a, "-MM")) {
    o->dep_only = true;
    o->dep_user_only = a[2] == 'M';
  } else if (!strcmp(a, "-MD") || !strcmp(a, "-MMD")) {
    o->dep_side = true;
    o->dep_user_only = a[2] == 'M';
  } else if (!strcmp(a, "-MP")) {
    o->dep_phony = true;
  } else if ((v = option_arg(argc, argv, i, "-MF", true))) {
    o->dep_file = v;
  } else if ((v = option_arg(argc, argv, i, "-MJ", true))) {
    o->json_file = v;
  } else if ((v = option_arg(argc, argv, i, "-MT", true))) {
    take_dep_target(o, v, false);
  } else if ((v = option_arg(argc, argv, i, "-MQ", true))) {
    take_dep_target(o, v, true);
  } else if (!strcmp(a, "-MG")) {
    diag_die("-MG is not supported: asyncc needs every header to exist");

  // Warnings: ours, or the C compiler's (ignored below).
  } else if (!strncmp(a, "-Wframe-larger-than=", 20)) {
    char *end;
    o->frame_limit = strtol(a + 20, &end, 10);
    if (*end || end == a + 20 || o->frame_limit <= 0)
      diag_die("'%s': expected a number of bytes", a);
  } else if (!strncmp(a, "-Wp,", 4)) {
    take_wp(o, a + 4);
  } else if (diag_warning_option(a)) {
    // -w -Werror -Wno-NAME ...: diag.c keeps them

  // The preprocessor's.
  } else if (!strncmp(a, "-std=", 5)) {
    if (!known_c_standard(a + 5))
      diag_die("invalid value '%s' in '%s': asyncc reads C (c99, c11, c17, c23, "
               "gnu11, gnu17, ...)", a + 5, a);
    add_clang_arg(o, a);
  } else if (!strcmp(a, "-x") || !strncmp(a, "-x", 2)) {
    const char *lang = a[2] ? a + 2 : *i + 1 < argc ? argv[++*i] : NULL;
    if (!lang)
      diag_die("missing argument to '-x'");
    if (strcmp(lang, "c") && strcmp(lang, "none"))
      diag_die("'-x %s': asyncc reads C only", lang);
  } else {
    for (int k = 0; pp_opts[k].name; k++) {
      const char *name = pp_opts[k].name;
      if ((v = option_arg(argc, argv, i, name, pp_opts[k].joined))) {
        // libclang takes each as two arguments, or --opt=ARG.
        if (!strncmp(name, "--", 2)) {
          add_clang_arg(o, arena_printf("%s=%s", name, v));
        } else {
          add_clang_arg(o, name);
          add_clang_arg(o, v);
        }
        return true;
      }
    }
    for (int k = 0; pp_flags[k]; k++)
      if (!strcmp(a, pp_flags[k])) {
        add_clang_arg(o, a);
        return true;
      }
    for (int k = 0; ignored_with_arg[k]; k++)
      if (!strcmp(a, ignored_with_arg[k])) {
        if (*i + 1 >= argc)
          diag_die("missing argument to '%s'", a);
        ++*i;
        return true;
      }
    if (!ignored_flag(a))
      diag_die("unknown option '%s' (see asyncc --help)", a);
  }
  return true;
}

Options options_parse(int argc, char **argv) {
  Options o = {.frame_limit = 8192};
  for (int i = 1; i < argc; i++) {
    if (options_take_one(&o, argc, argv, &i))
      continue;
    if (o.input)
      diag_die("more than one input file ('%s' and '%s')", o.input, argv[i]);
    o.input = argv[i];
  }
  if (!o.input)
    diag_die("no input file (see asyncc --help)");
  if (o.dep_only && o.dep_side)
    o.dep_side = false;   // gcc: -M wins over -MD
  if ((o.dump_tree || o.dump_plan) && o.explain)
    diag_die("--explain cannot be combined with --dump-tree or --dump-plan "
             "(each writes its own report to standard output)");
  if (o.explain && o.dep_only && !o.dep_file)
    diag_die("--explain cannot be combined with -M or -MM without -MF "
             "(the report and the dependencies would share standard output)");
  if (o.dump_tree || o.dump_plan)
    o.dep_only = o.dep_side = false;
  if (o.output && !*o.output)
    diag_die("empty file name after '-o'");
  return o;
}
