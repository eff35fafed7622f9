/* fuzz_front.c - libFuzzer over the tool's front end before libclang: the
 * flex scanner, the async header finder, the typed view and the bison
 * grammar of async bodies, on arbitrary bytes, in the order and under the
 * conditions compiler/main.c runs them.
 *
 *     make fuzz SECONDS=N        (build/fuzz/fuzz_front, corpus: tests/)
 *
 * Finds: a crash, a sanitizer report (ASan, UBSan), a hang, an internal
 * error (diag_internal: exit 2 becomes abort()) or an error message not of
 * the form fuzz.c:LINE:COL: error: (abort()).  A user error (exit 1) is the
 * right answer to bad input and ends the input normally.
 *
 * The compiler exits at its first fatal error and never frees (its arena
 * lives until exit).  In one process running many inputs that would leak,
 * so this file includes arena.c and diag.c instead of linking them: it
 * frees the arena's blocks after each input and turns diag's exit() into a
 * longjmp back here.  libclang (facts.c) is not run here: it is fuzzed as
 * a process by tests/fuzz/mutate.sh. */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <stdnoreturn.h>

static jmp_buf fuzz_env;
static int fuzz_active;

static noreturn void fuzz_exit(int status)
{
    if (fuzz_active && status == 1)
        longjmp(fuzz_env, 1);
    if (fuzz_active)
        abort();  /* exit(2): asyncc's internal error, a finding */
    exit(status);
}

#include "../../compiler/arena.c"
/* diag.c writes to fuzz_err, a memory stream per input, so that every
 * message can be checked for its file:line:col form. */
static FILE *fuzz_err;
#define exit fuzz_exit
#undef stderr
#define stderr fuzz_err
#include "../../compiler/diag.c"
#undef stderr
#define stderr stderr
#undef exit

static void arena_reset(void)
{
    while (blocks) {
        Block *b = blocks;
        blocks = b->next;
        free(b);
    }
    chunk_pos = NULL;
    chunk_left = 0;
}

/* Identifiers the grammar should take as type names: those ending in _t or
 * starting with T (libclang decides this in the real tool). */
static bool fuzz_is_type(void *ctx, const Token *t)
{
    const Source *src = ctx;
    const char *s = src->text + t->off;
    if (t->kind != TK_IDENT)
        return false;
    return s[0] == 'T' || (t->len > 2 && s[t->len - 2] == '_' && s[t->len - 1] == 't');
}

/* main.c's check_braces: the grammar only ever sees balanced bodies. */
static bool braces_balanced(Source *src, TokenList *tl)
{
    int depth = 0;
    for (int i = 0; i < tl->ntoks; i++) {
        Token *t = &tl->toks[i];
        if (t->kind != TK_PUNCT)
            continue;
        if (scan_token_is(src, t, "{") || scan_token_is(src, t, "<%"))
            depth++;
        else if ((scan_token_is(src, t, "}") || scan_token_is(src, t, "%>")) && --depth < 0)
            return false;
    }
    return depth == 0;
}

static void front(Source *src)
{
    TokenList tl = scan_file(src);
    Facts facts = {0};
    header_find_async(src, &tl, &facts);
    if (tl.ndialect == 0 && tl.dir_words.len == 0 && tl.problems.len == 0)
        return;  /* copied as it is */
    for (int i = 0; i < tl.problems.len; i++)
        if (tl.problems.data[i].always_report)
            return;
    if (diag_error_count())
        return;
    View *view = view_build(src, &tl, &facts);
    for (int off = 0; off < view->len; off += 1 + off / 2)
        (void)view_to_source(view, off);
    if (!braces_balanced(src, &tl))
        return;
    for (AsyncFn *fn = facts.fns; fn; fn = fn->next) {
        if (fn->body_off < 0)
            continue;
        ParseInput in = {.src = src, .tl = &tl, .is_type_name = fuzz_is_type, .ctx = src};
        in.first = header_token_at(&tl, fn->body_off);
        in.last = header_token_at(&tl, fn->body_end - 1);
        if (in.first < 0 || in.last < 0)
            continue;  /* main.c calls this internal, but libclang has refused such input */
        Node *body = parse_body(&in);
        if (body) {
            char *buf;
            size_t len;
            parse_dump(src, body, &buf, &len);
            free(buf);
        }
    }
}

/* Every error names fuzz.c:LINE:COL (then the quoted line, indented, and a
 * caret). */
static void check_messages(const char *text)
{
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        int l, c, n = 0;
        if (line[0] != ' ' && memmem(line, len, ": error: ", 9) &&
            !(sscanf(line, "fuzz.c:%d:%d: %n", &l, &c, &n) == 2 && n > 0)) {
            fprintf(stderr, "message without a position: %.*s\n", (int)len, line);
            abort();
        }
        line += len + (end != NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 20)
        return 0;
    char *msgs = NULL;
    size_t msgs_len = 0;
    fuzz_err = open_memstream(&msgs, &msgs_len);
    nerrors = 0;
    fuzz_active = 1;
    if (!setjmp(fuzz_env)) {
        Source *src = source_from_string("fuzz.c", (const char *)data, (int)size);
        diag_init(src);
        front(src);
    }
    fuzz_active = 0;
    diag_src = NULL;
    arena_reset();
    fclose(fuzz_err);
    fuzz_err = stderr;
    check_messages(msgs);
    free(msgs);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_err = stderr;
    diag_no_warnings();
    return 0;
}
