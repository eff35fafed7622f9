/* mutate.c - one seeded mutant of the test corpus, for tests/fuzz/mutate.sh.
 *
 *     mutate SEED FILE...      writes the mutant to stdout
 *
 * Picks one of the FILEs and applies 1 to 4 edits meant to reach the tool's
 * error paths and its odd-but-valid paths: delete or duplicate a line or a
 * byte range, swap two lines, splice in a line of another file, flip a
 * byte, insert a dialect word, a brace, a directive (#if 0, #endif, a macro
 * hiding an await), a comment or string opener, a NUL, a backslash-newline.
 * The same SEED and FILEs give the same mutant. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t rng(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static size_t rnd(size_t n) { return n ? (size_t)(rng() % n) : 0; }

typedef struct { char *p; size_t len, cap; } Buf;

static void reserve(Buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return;
    b->cap = (b->len + extra) * 2;
    if (!(b->p = realloc(b->p, b->cap)))
        abort();
}
static void insert(Buf *b, size_t at, const char *s, size_t n)
{
    reserve(b, n);
    memmove(b->p + at + n, b->p + at, b->len - at);
    memcpy(b->p + at, s, n);
    b->len += n;
}
static void erase(Buf *b, size_t at, size_t n)
{
    if (at + n > b->len)
        n = b->len - at;
    memmove(b->p + at, b->p + at + n, b->len - at - n);
    b->len -= n;
}

static Buf slurp(const char *path)
{
    Buf b = {0};
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(2);
    }
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0) {
        reserve(&b, n);
        memcpy(b.p + b.len, tmp, n);
        b.len += n;
    }
    fclose(f);
    reserve(&b, 1);
    return b;
}

/* Start of a random line and its length (with its newline). */
static size_t line_at(const Buf *b, size_t *len)
{
    size_t off = rnd(b->len + 1);
    while (off > 0 && b->p[off - 1] != '\n')
        off--;
    size_t end = off;
    while (end < b->len && b->p[end] != '\n')
        end++;
    *len = end - off + (end < b->len);
    return off;
}

static const char *const words[] = {
    "await ", "async ", "{", "}", "(", ")", ";", ",", "?", ":", "[", "]", "*", "&",
    "\n#if 0\n", "\n#endif\n", "\n#else\n", "\n#ifdef X\n", "\\\n", "/*", "*/", "//",
    "\"", "'", "static ", "return ", "goto L;", "L:", "case 1:", "default:", "break;",
    "int x;", "__attribute__((unused)) ", "\n#define X await\n", "\n#define Y(a) a\n",
    "\n#include <asyncc.h>\n", "typedef int T;", "struct s { int a; } ", "<%", "%>",
    "await await ", "await ac_yield()", "sizeof ", "_Generic(", "({", "})", "ac_future(int) ",
    "void ", "\t", "\r\n", "\xc3\xa9", "\xff", "0x", "1e+", "L\"", "u8\"", "...",
};

static void mutate(Buf *b, Buf *other)
{
    size_t len, off, n;
    switch (rnd(10)) {
    case 0:  /* delete a byte range */
        if (b->len)
            erase(b, rnd(b->len), 1 + rnd(20));
        break;
    case 1:  /* delete a line */
        off = line_at(b, &len);
        erase(b, off, len);
        break;
    case 2: {  /* duplicate a line */
        off = line_at(b, &len);
        char *copy = malloc(len + 1);
        memcpy(copy, b->p + off, len);
        insert(b, line_at(b, &n), copy, len);
        free(copy);
        break;
    }
    case 3: {  /* move a line elsewhere */
        off = line_at(b, &len);
        char *copy = malloc(len + 1);
        memcpy(copy, b->p + off, len);
        erase(b, off, len);
        insert(b, line_at(b, &n), copy, len);
        free(copy);
        break;
    }
    case 4:  /* splice a line of another file */
        off = line_at(other, &len);
        insert(b, line_at(b, &n), other->p + off, len);
        break;
    case 5:  /* flip a byte */
        if (b->len)
            b->p[rnd(b->len)] ^= (char)(1 << rnd(8));
        break;
    case 6:  /* a NUL byte */
        insert(b, rnd(b->len + 1), "", 1);
        break;
    default: {  /* a word, a brace, a directive */
        const char *w = words[rnd(sizeof words / sizeof *words)];
        insert(b, rnd(b->len + 1), w, strlen(w));
    }
    }
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: mutate SEED FILE...\n");
        return 2;
    }
    state = strtoull(argv[1], NULL, 0) * 0x2545f4914f6cdd1dULL + 7;
    int nfiles = argc - 2;
    Buf b = slurp(argv[2 + rnd((size_t)nfiles)]);
    Buf other = slurp(argv[2 + rnd((size_t)nfiles)]);
    for (int k = 1 + (int)rnd(4); k > 0; k--)
        mutate(&b, &other);
    fwrite(b.p, 1, b.len, stdout);
    return 0;
}
