// output.c: the files asyncc reads and writes, and make dependencies.
//
// The tool must never harm the file system:
//   - the input is read with a cap (INPUT_MAX), so /dev/zero or an endless
//     FIFO gives an error, not unbounded memory;
//   - an output that is the input, or two outputs that are one file, are
//     errors: files are compared by device and inode, not by name;
//   - every output is first written completely (a regular file to a
//     temporary beside it), and only then are the temporaries renamed into
//     place, so an error leaves every old file as it was and the C output
//     and its dependency file are written both or neither;
//   - writing keeps what opening the file for writing would keep: a symlink
//     stays a symlink (its target is replaced), a FIFO or character device
//     is written into, a file with several hard links is rewritten in
//     place, an existing file keeps its mode (and, for root, its owner); a
//     file we may not write is an error, even for root;
//   - temporaries are removed on SIGINT, SIGTERM, SIGHUP and SIGPIPE.
// The only window without atomicity is an in-place write (hard links,
// FIFOs, devices), which happens after every temporary was written.

#include "acc.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

// --- reading ------------------------------------------------------------------

Source *input_read(const char *path, struct stat *st) {
  bool is_stdin = !strcmp(path, "-");
  int fd = is_stdin ? 0 : open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    diag_die("cannot open %s: %s", path, strerror(errno));
  if (fstat(fd, st) < 0)
    diag_die("cannot read %s: %s", path, strerror(errno));
  if (S_ISDIR(st->st_mode))
    diag_die("cannot read %s: %s", path, strerror(EISDIR));
  // A regular file is read into a buffer of its size (and one more byte,
  // to see the end at once); anything else grows by doubling.
  size_t cap = S_ISREG(st->st_mode) && st->st_size > 0 && st->st_size < INPUT_MAX
                   ? (size_t)st->st_size + 1 : 65536,
         len = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (len == cap) {
      if (cap > INPUT_MAX)
        diag_die("%s: more than %d MiB: not a source file", is_stdin ? "<stdin>" : path,
                 INPUT_MAX >> 20);
      cap *= 2;
      buf = realloc(buf, cap + 1);
    }
    if (!buf)
      diag_die("out of memory reading %s", path);
    ssize_t n = read(fd, buf + len, cap - len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0)
      diag_die("cannot read %s: %s", path, strerror(errno));
    if (n == 0)
      break;
    len += n;
  }
  if (!is_stdin)
    close(fd);
  return source_take(is_stdin ? "<stdin>" : path, buf, (int)len);   // buf has cap + 1 bytes
}

// libclang reads an included file to its end whatever stat says of its
// size (it treats files as volatile), so `#include "/dev/zero"` would grow
// memory without bound.  While it parses, a watchdog thread stops the
// process once its resident memory has grown by PARSE_GROWTH_MAX.
enum { PARSE_GROWTH_MAX = 1 << 30 };
static pthread_t watchdog;
static atomic_bool watchdog_stop;

static long resident_bytes(void) {
  long size = 0, resident = 0;
  FILE *fp = fopen("/proc/self/statm", "r");
  if (fp) {
    if (fscanf(fp, "%ld %ld", &size, &resident) != 2)
      resident = 0;
    fclose(fp);
  }
  return resident * sysconf(_SC_PAGESIZE);
}

static void *watch_memory(void *arg) {
  long base = (long)(intptr_t)arg;
  while (!atomic_load(&watchdog_stop)) {
    if (base > 0 && resident_bytes() - base > PARSE_GROWTH_MAX) {
      static const char msg[] =
          "asyncc: error: the preprocessor read more than 1 GiB: does an #include "
          "name a device or an endless file (/dev/zero, a FIFO)?\n";
      (void)!write(2, msg, sizeof msg - 1);
      _exit(1);
    }
    usleep(20000);
  }
  return NULL;
}

void input_guard(bool on) {
  static bool running;
  if (on && !running) {
    long base = resident_bytes();
    running = pthread_create(&watchdog, NULL, watch_memory, (void *)(intptr_t)base) == 0;
  } else if (!on && running) {
    atomic_store(&watchdog_stop, true);
    pthread_join(watchdog, NULL);
    running = false;
  }
}

// --- where each output goes ---------------------------------------------------

// One file to write: staged in a temporary renamed over `target` at commit,
// or written in place (stdout, FIFOs, devices, hard-linked files).
typedef struct {
  const char *path;     // as given; "-" is standard output
  char *data;
  size_t len;
  char *target;         // the file the rename replaces (symlinks resolved)
  bool in_place;
  bool exists;
  struct stat st;       // of the existing file (followed through links)
} Out;

// Temporaries to remove if a signal or an error comes before the rename.
// Written with signals blocked; read by the handler.
static char *volatile temps[3];

static void remove_temps(void) {
  for (int i = 0; i < 3; i++)
    if (temps[i]) {
      unlink(temps[i]);
      temps[i] = NULL;
    }
}

static void on_signal(int sig) {
  remove_temps();
  signal(sig, SIG_DFL);
  raise(sig);
}

static const int caught[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE, SIGQUIT};

static void block_signals(sigset_t *old) {
  sigset_t set;
  sigemptyset(&set);
  for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
    sigaddset(&set, caught[i]);
  sigprocmask(SIG_BLOCK, &set, old);
}

static noreturn void fail(const char *path, int err) {
  remove_temps();
  diag_die("cannot write %s: %s", path, strerror(err));
}

// Decides how `o->path` is written; dies if it must not be.
static void plan(Out *o) {
  o->target = (char *)o->path;
  if (!strcmp(o->path, "-")) {
    o->in_place = true;
    return;
  }
  struct stat lst;
  if (lstat(o->path, &lst) < 0) {
    if (errno != ENOENT)
      fail(o->path, errno);
    return;                            // a new file
  }
  if (stat(o->path, &o->st) < 0) {
    if (errno != ENOENT)
      fail(o->path, errno);
    o->in_place = true;                // a dangling symlink: create its target
    return;
  }
  o->exists = true;
  mode_t m = o->st.st_mode;
  if (S_ISDIR(m))
    fail(o->path, EISDIR);
  if (S_ISBLK(m) || S_ISSOCK(m))
    diag_die("cannot write %s: not a regular file, FIFO or character device", o->path);
  // What open(O_WRONLY) would allow: root too is refused a file without
  // any write permission.
  if (faccessat(AT_FDCWD, o->path, W_OK, AT_EACCESS) < 0 ||
      (S_ISREG(m) && !(m & 0222)))
    fail(o->path, EACCES);
  if (!S_ISREG(m) || o->st.st_nlink > 1) {
    o->in_place = true;
    return;
  }
  if (S_ISLNK(lst.st_mode)) {
    char real[PATH_MAX];
    if (!realpath(o->path, real))
      fail(o->path, errno);
    o->target = arena_strndup(real, strlen(real));
  }
}

static bool write_all(int fd, const char *data, size_t len) {
  while (len > 0) {
    ssize_t n = write(fd, data, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return false;
    data += n;
    len -= n;
  }
  return true;
}

// Writes o's data into a temporary beside its target.
static void stage(Out *o, int slot) {
  char *dir = arena_strndup(o->target, strlen(o->target));
  char *base = arena_strndup(o->target, strlen(o->target));
  char *tmp = arena_printf("%s/.%s.asyncc-XXXXXX", dirname(dir), basename(base));
  sigset_t old;
  block_signals(&old);
  int fd = mkstemp(tmp);
  int err = errno;
  if (fd >= 0)
    temps[slot] = tmp;
  sigprocmask(SIG_SETMASK, &old, NULL);
  if (fd < 0) {
    if (err == EACCES && o->exists) {   // a writable file in a read-only folder
      o->in_place = true;
      return;
    }
    fail(o->path, err);
  }
  mode_t mode;
  if (o->exists) {
    mode = o->st.st_mode & 07777;
    if (geteuid() == 0)
      (void)!fchown(fd, o->st.st_uid, o->st.st_gid);
  } else {
    mode_t mask = umask(0);
    umask(mask);
    mode = 0666 & ~mask;
  }
  bool ok = fchmod(fd, mode) == 0 && write_all(fd, o->data, o->len);
  err = errno;
  if (close(fd) < 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok)
    fail(o->path, err);
}

static void write_in_place(Out *o) {
  if (!strcmp(o->path, "-")) {
    if (!write_all(1, o->data, o->len))
      fail("the output", errno);
    return;
  }
  int flags = O_WRONLY | O_CLOEXEC | (!o->exists ? O_CREAT : 0) |
              (!o->exists || S_ISREG(o->st.st_mode) ? O_TRUNC : 0);
  int fd = open(o->path, flags, 0666);
  if (fd < 0 || !write_all(fd, o->data, o->len))
    fail(o->path, errno);
  if (close(fd) < 0)
    fail(o->path, errno);
}

// --- identity -------------------------------------------------------------------

// Whether two paths name one file: by device and inode when both exist,
// else by their folder's real path and their name.
static bool same_file(const char *a, const char *b) {
  struct stat sa, sb;
  bool ea = stat(a, &sa) == 0, eb = stat(b, &sb) == 0;
  if (ea || eb)
    return ea && eb && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  char *da = arena_strndup(a, strlen(a)), *db = arena_strndup(b, strlen(b));
  char *ba = arena_strndup(a, strlen(a)), *bb = arena_strndup(b, strlen(b));
  char ra[PATH_MAX], rb[PATH_MAX];
  return realpath(dirname(da), ra) && realpath(dirname(db), rb) && !strcmp(ra, rb) &&
         !strcmp(basename(ba), basename(bb));
}

static bool is_file(const char *path) {
  return path && strcmp(path, "-");
}

static const char *base_name(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

// gcc's default dependency target: the input's base name, suffix .o.
static char *object_name(const char *input) {
  if (!strcmp(input, "-"))
    return "-";
  const char *base = base_name(input);
  const char *dot = strrchr(base, '.');
  int n = dot ? (int)(dot - base) : (int)strlen(base);
  return arena_printf("%.*s.o", n, base);
}

void output_decide(Options *o, const struct stat *in) {
  bool is_stdin = !strcmp(o->input, "-");
  // What is written where.
  if (o->dep_only) {
    // -M, -MM: the dependencies replace the output, as for cc -M -o FILE.
    o->c_output = NULL;
    if (!o->dep_file)
      o->dep_file = o->output ? o->output : "-";
  } else if (o->syntax_only || o->dump_tree || (o->explain && !o->output)) {
    o->c_output = NULL;
  } else {
    o->c_output = o->output ? o->output : "-";
  }
  if (o->dep_side && !o->dep_file)
    o->dep_file = is_file(o->c_output) ? arena_printf("%s.d", o->c_output)
                  : is_stdin             ? "stdin.d"
                                         : arena_printf("%s.d", base_name(o->input));
  if (o->dep_file && !o->dep_targets.len)
    vec_push(&o->dep_targets, ((DepTarget){
        .name = o->dep_side && is_file(o->c_output) ? o->c_output : object_name(o->input),
        .quote = true}));

  // No output may be the input or the other output.
  const char *outs[] = {o->c_output, o->dep_file, o->json_file};
  for (int i = 0; i < 3; i++) {
    struct stat st;
    if (!is_file(outs[i]))
      continue;
    if (!is_stdin && stat(outs[i], &st) == 0 && st.st_dev == in->st_dev &&
        st.st_ino == in->st_ino)
      diag_die("the output file %s is the input %s: refusing to overwrite it", outs[i],
               o->input);
  }
  for (int i = 0; i < 3; i++)
    for (int k = i + 1; k < 3; k++)
      if (is_file(outs[i]) && is_file(outs[k]) && same_file(outs[i], outs[k]))
        diag_die("%s is named for two outputs (the C, -MF, -MJ)", outs[k]);
  if (o->c_output && o->dep_file && !strcmp(o->c_output, "-") && !strcmp(o->dep_file, "-"))
    diag_die("the output and the dependencies cannot both go to standard output");
}

// --- dependencies, as gcc writes them (libcpp/mkdeps.cc) --------------------------

// Quotes what make would misread: '$' as "$$", blanks and '#' with a
// backslash, the backslashes before a blank doubled.
static void write_munged(FILE *fp, const char *s) {
  int slashes = 0;
  for (; *s; s++) {
    switch (*s) {
    case '\\':
      slashes++;
      break;
    case '$':
      fputc('$', fp);
      slashes = 0;
      break;
    case ' ':
    case '\t':
      while (slashes-- > 0)
        fputc('\\', fp);
      // fall through
    case '#':
      fputc('\\', fp);
      // fall through
    default:
      slashes = 0;
      break;
    }
    fputc(*s, fp);
  }
}

static size_t munged_len(const char *s) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  write_munged(fp, s);
  fclose(fp);
  free(buf);
  return len;
}

enum { DEP_COLUMNS = 72 };   // what cpp passes to deps_write

static unsigned write_name(FILE *fp, const char *name, bool quote, unsigned col) {
  size_t size = quote ? munged_len(name) : strlen(name);
  if (col) {
    if (col + size > DEP_COLUMNS) {
      fputs(" \\\n", fp);
      col = 0;
    }
    col++;
    fputc(' ', fp);
  }
  if (quote)
    write_munged(fp, name);
  else
    fputs(name, fp);
  return col + size;
}

static char *deps_text(const Options *o, const Facts *facts, size_t *len) {
  // The prerequisites: the input, then each header once, in the order the
  // preprocessor first read them.
  VEC(const char *) deps = {0};
  if (strcmp(o->input, "-"))
    vec_push(&deps, o->input);
  for (int i = 0; i < facts->includes.len; i++) {
    const char *h = facts->includes.data[i];
    while (h[0] == '.' && h[1] == '/')   // libclang's "./a.h" is cpp's "a.h"
      h += 2;
    if (o->dep_user_only && facts->include_system.data[i])
      continue;
    bool seen = false;
    for (int k = 0; k < deps.len && !seen; k++)
      seen = !strcmp(deps.data[k], h);
    if (!seen)
      vec_push(&deps, h);
  }
  // The targets in gcc's order: the driver passes every -MQ before every
  // -MT, and cpp moves each unquoted one in front of the quoted ones.
  VEC(DepTarget) targets = {0};
  int unquoted = 0;
  for (int pass = 0; pass < 2; pass++)
    for (int i = 0; i < o->dep_targets.len; i++) {
      DepTarget t = o->dep_targets.data[i];
      if (t.quote != (pass == 0))
        continue;
      if (!t.quote) {
        if (unquoted != targets.len) {
          DepTarget lowest = targets.data[unquoted];
          targets.data[unquoted] = t;
          t = lowest;
        }
        unquoted++;
      }
      vec_push(&targets, t);
    }

  char *buf = NULL;
  *len = 0;
  FILE *fp = open_memstream(&buf, len);
  if (deps.len) {
    unsigned col = 0;
    for (int i = 0; i < targets.len; i++)
      col = write_name(fp, targets.data[i].name, targets.data[i].quote, col);
    fputc(':', fp);
    col++;
    for (int i = 0; i < deps.len; i++)
      col = write_name(fp, deps.data[i], true, col);
    fputc('\n', fp);
    for (int i = 1; o->dep_phony && i < deps.len; i++) {
      write_munged(fp, deps.data[i]);
      fputs(":\n", fp);
    }
  }
  fclose(fp);
  return buf;
}

// --- -MJ: an entry of a compilation database, as clang -MJ writes it ----------

static void write_json_string(FILE *fp, const char *s) {
  fputc('"', fp);
  for (; *s; s++) {
    if (*s == '"' || *s == '\\')
      fputc('\\', fp);
    if ((unsigned char)*s < 0x20)
      fprintf(fp, "\\u%04x", *s);
    else
      fputc(*s, fp);
  }
  fputc('"', fp);
}

// {"directory": ..., "file": ..., "output": ..., "arguments": [...]},
// where the arguments are a C compiler's with the preprocessor flags asyncc
// used (its own include folder too) and -x c: what clangd needs to read the
// dialect file with asyncc-ide.h (docs/build.md).
static char *json_text(const Options *o, size_t *len) {
  char *buf = NULL, cwd[PATH_MAX];
  FILE *fp = open_memstream(&buf, len);
  fputs("{ \"directory\": ", fp);
  write_json_string(fp, getcwd(cwd, sizeof cwd) ? cwd : ".");
  fputs(", \"file\": ", fp);
  write_json_string(fp, o->input);
  if (is_file(o->c_output)) {
    fputs(", \"output\": ", fp);
    write_json_string(fp, o->c_output);
  }
  fputs(", \"arguments\": [\"cc\", \"-x\", \"c\"", fp);
  for (int i = 0; i < o->clang.argc; i++) {
    fputs(", ", fp);
    write_json_string(fp, o->clang.argv[i]);
  }
  fputs(", \"-c\", ", fp);
  write_json_string(fp, o->input);
  fputs("]},\n", fp);
  fclose(fp);
  return buf;
}

// --- writing ------------------------------------------------------------------

void output_write(const Options *o, char *data, size_t len, const Facts *facts) {
  Out outs[3];
  int n = 0;
  if (o->c_output)
    outs[n++] = (Out){.path = o->c_output, .data = data, .len = len};
  if (o->dep_file) {
    outs[n] = (Out){.path = o->dep_file};
    outs[n].data = deps_text(o, facts, &outs[n].len);
    n++;
  }
  if (o->json_file) {
    outs[n] = (Out){.path = o->json_file};
    outs[n].data = json_text(o, &outs[n].len);
    n++;
  }
  for (size_t i = 0; i < sizeof caught / sizeof *caught; i++)
    if (signal(caught[i], on_signal) == SIG_IGN)
      signal(caught[i], SIG_IGN);   // keep what nohup asked for
  for (int i = 0; i < n; i++)
    plan(&outs[i]);
  for (int i = 0; i < n; i++)
    if (!outs[i].in_place)
      stage(&outs[i], i);
  for (int i = 0; i < n; i++)
    if (outs[i].in_place)
      write_in_place(&outs[i]);
  // Signals blocked: a temporary is renamed and forgotten as one step.
  sigset_t old;
  block_signals(&old);
  for (int i = 0; i < n; i++) {
    if (outs[i].in_place)
      continue;
    if (rename(temps[i], outs[i].target) < 0)
      fail(outs[i].path, errno);
    temps[i] = NULL;
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  for (int i = o->c_output ? 1 : 0; i < n; i++)
    free(outs[i].data);
}
