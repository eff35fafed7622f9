// arena.c: the compiler's one allocator.
//
// The tool runs once per file and exits, so nothing is freed one by one:
// memory comes from large chunks that live until exit.  Allocations are
// zeroed and 16-byte aligned; running out of memory is a fatal error.

#include "acc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CHUNK_SIZE = 1 << 20, ALIGN = 16 };

// Every block stays on this list until exit, so that all arena memory is
// reachable and LeakSanitizer has nothing to report.
typedef struct Block {
  struct Block *next;
  max_align_t data[];
} Block;

static Block *blocks;
static char *chunk_pos;
static size_t chunk_left;

static void *arena_os_alloc(size_t size) {
  Block *b = calloc(1, sizeof(Block) + size);
  if (!b)
    diag_die("out of memory");
  b->next = blocks;
  blocks = b;
  return b->data;
}

void *arena_alloc(size_t size) {
  size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
  if (size > CHUNK_SIZE / 4)
    return arena_os_alloc(size);   // big blocks get their own
  if (size > chunk_left) {
    chunk_pos = arena_os_alloc(CHUNK_SIZE);
    chunk_left = CHUNK_SIZE;
  }
  void *p = chunk_pos;
  chunk_pos += size;
  chunk_left -= size;
  return p;
}

void *arena_grow(void *old, size_t old_size, size_t new_size) {
  void *p = arena_alloc(new_size);
  if (old_size)
    memcpy(p, old, old_size);
  return p;
}

char *arena_strndup(const char *s, size_t n) {
  char *p = arena_alloc(n + 1);
  memcpy(p, s, n);
  return p;
}

char *arena_vprintf(const char *fmt, va_list ap) {
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, ap);
  char *p = arena_alloc(n + 1);
  vsnprintf(p, n + 1, fmt, again);
  va_end(again);
  return p;
}

char *arena_printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  char *p = arena_vprintf(fmt, ap);
  va_end(ap);
  return p;
}
