// layout.c: the frame's slots for an async function's hoisted locals and
// spilled temporaries, with offsets, where any two slots whose bytes are
// never needed at the same time share storage (live-range interference,
// not only sibling blocks).  Decided from the plan (plan.c) and the
// analysis (analyse.c, live.c) before anything is printed; `asyncc
// --dump-plan` prints it, and lower.c's frame struct places each field at
// its slot's offset (gen_frame; --explain says what shares bytes).
//
// When a slot's bytes hold a value:
//   - a copied local (an_copied: a plain local of the resume function) and
//     a spilled temporary are written into the frame at a suspension and
//     read back at its resume label (lower.c's put_copies): their bytes
//     matter only at the suspensions they are live across.  Two of them
//     interfere when they are live across a common await.
//   - a local that is a frame field in the resume function (every hoisted
//     local where the frame is allocated on entry) is
//     read and written through the frame wherever its block runs, maybe
//     through a pointer: its bytes matter for its whole block.  It
//     interferes with a slot live across an await inside that block, and
//     with another such local whose block overlaps its own.
//   - a spilled temporary of a frame allocated on entry is a frame field
//     too: written in the stretch of code after await `born` (plan order)
//     and read in the one after `used_after`, so it holds bytes in those
//     stretches as well (two such temporaries of one expression must not
//     share when one is written before the other is read in one stretch).
// The area's offsets start at 0; lower.c places it after the header and
// ac__awaiting, and keeps the embedded callee frame (written by the
// callee's ramp before the suspension) and the result apart.
//
// A slot's alignment is its type's, or 16 when an alignment is written on
// the local (_Alignas, aligned): the number is not known here, but it is
// at most 16 (frames are aligned to 16), so a field aligned to 16 lands at
// a multiple of 16 whatever it was.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

static int words(int nawaits) {
  return nawaits / 64 + 1;
}

static void set_at(FrameSlot *s, int await_no) {
  s->at[(await_no - 1) / 64] |= 1ull << ((await_no - 1) % 64);
}

static bool has_at(const FrameSlot *s, int await_no) {
  return s->at[(await_no - 1) / 64] >> ((await_no - 1) % 64) & 1;
}

// The plan's numbers of the analysis's awaits (source order), through
// their offsets (one await per offset).
typedef struct {
  int off, no;
} AwaitNo;

static int by_off(const void *a, const void *b) {
  const AwaitNo *x = a, *y = b;
  return (x->off > y->off) - (x->off < y->off);
}

static int plan_no(const AwaitNo *index, int n, int off) {
  int lo = 0, hi = n - 1;
  while (lo <= hi) {
    int mid = (lo + hi) / 2;
    if (index[mid].off == off)
      return index[mid].no;
    if (index[mid].off < off)
      lo = mid + 1;
    else
      hi = mid - 1;
  }
  return 0;
}

static FrameSlot new_slot(const Plan *plan, const char *name, long size, long align) {
  FrameSlot s = {.name = name, .size = size, .align = align < 1 ? 1 : align, .temp = -1,
                 .at = arena_alloc(sizeof(uint64_t) * words(plan->awaits.len))};
  return s;
}

bool layout_interfere(const Layout *l, int a, int b) {
  const FrameSlot *x = &l->slots.data[a], *y = &l->slots.data[b];
  if (x->whole_scope && y->whole_scope)
    return x->scope_off < y->scope_end && y->scope_off < x->scope_end;
  if (y->whole_scope) {
    const FrameSlot *t = x;
    x = y, y = t;
  }
  if (x->whole_scope) {   // y is held at suspensions only: any in x's block?
    for (int k = 1; k <= l->plan->awaits.len; k++) {
      int off = l->plan->awaits.data[k - 1]->off;
      if (has_at(y, k) && off >= x->scope_off && off < x->scope_end)
        return true;
    }
    return false;
  }
  for (int w = 0; w < words(l->plan->awaits.len); w++)
    if (x->at[w] & y->at[w])
      return true;
  return false;
}

static void add_slots(Layout *l, const AsyncFn *fn) {
  const Plan *plan = l->plan;
  const Analysis *an = fn->an;
  AwaitNo *index = arena_alloc(sizeof(AwaitNo) * (plan->awaits.len + 1));
  for (int k = 0; k < plan->awaits.len; k++)
    index[k] = (AwaitNo){plan->awaits.data[k]->off, k + 1};
  qsort(index, plan->awaits.len, sizeof *index, by_off);
  for (int i = 0; an && i < an->vars.len; i++) {
    const Var *v = an->vars.data[i];
    if (!v->hoisted)
      continue;
    FrameSlot s = new_slot(plan, v->field, v->fact->size,
                           v->fact->align_text ? 16 : v->fact->align);
    s.var = v;
    s.whole_scope = !an_copied(an, v);
    s.scope_off = v->scope ? v->scope->off : fn->body_off;
    s.scope_end = v->scope ? v->scope->end : fn->body_end;
    for (int k = 0; k < v->live_at.len; k++) {
      int no = plan_no(index, plan->awaits.len, an->awaits.data[v->live_at.data[k] - 1]->off);
      if (no)
        set_at(&s, no);
    }
    vec_push(&l->slots, s);
  }
  for (int i = 0; an && i < an->literals.len; i++) {   // a frame field for its block
    const Node *lit = an->literals.data[i], *block = an->literal_blocks.data[i];
    FrameSlot s = new_slot(plan, arena_printf("ac__c%d", i), lit->fact->size, lit->fact->align);
    s.literal = lit;
    s.whole_scope = true;
    s.scope_off = block->off;
    s.scope_end = block->end;
    vec_push(&l->slots, s);
  }
  for (int i = 0; i < plan->temps.len; i++) {
    const Temp *t = &plan->temps.data[i];
    if (!t->in_frame)
      continue;
    FrameSlot s = new_slot(plan, arena_printf("ac__t%d", i), t->size, t->align);
    s.temp = i;
    for (int k = an && an->heap_at_entry && t->born ? t->born : t->born + 1;
         k <= t->used_after; k++)
      set_at(&s, k);
    vec_push(&l->slots, s);
  }
}

static long align_up(long n, long a) {
  return (n + a - 1) / a * a;
}

// Placement order: the most aligned first, then the largest, then as
// declared: deterministic, and it packs small slots into the gaps.
static const Layout *order_layout;

static int by_placement(const void *a, const void *b) {
  const FrameSlot *x = &order_layout->slots.data[*(const int *)a];
  const FrameSlot *y = &order_layout->slots.data[*(const int *)b];
  if (x->align != y->align)
    return x->align > y->align ? -1 : 1;
  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

// Each slot at the lowest offset (aligned) where it overlaps no slot placed
// before it that it interferes with: first fit over the placed ones.
static void place(Layout *l) {
  int n = l->slots.len;
  int *order = arena_alloc(sizeof(int) * (n + 1));
  bool *placed = arena_alloc(n + 1);
  for (int i = 0; i < n; i++)
    order[i] = i;
  order_layout = l;
  qsort(order, n, sizeof(int), by_placement);
  for (int i = 0; i < n; i++) {
    FrameSlot *s = &l->slots.data[order[i]];
    long off = 0;
    for (bool moved = true; moved;) {
      moved = false;
      for (int j = 0; j < n; j++) {
        FrameSlot *o = &l->slots.data[j];
        if (!placed[j] || o->off + o->size <= off || off + s->size <= o->off ||
            !layout_interfere(l, order[i], j))
          continue;
        off = align_up(o->off + o->size, s->align);
        moved = true;
      }
    }
    s->off = off;
    placed[order[i]] = true;
    l->size = off + s->size > l->size ? off + s->size : l->size;
    l->align = s->align > l->align ? s->align : l->align;
    l->unshared = align_up(l->unshared, s->align) + s->size;
  }
  l->size = align_up(l->size, l->align);
  l->unshared = align_up(l->unshared, l->align);
}

static int by_offset(const void *a, const void *b) {
  const FrameSlot *x = &order_layout->slots.data[*(const int *)a];
  const FrameSlot *y = &order_layout->slots.data[*(const int *)b];
  if (x->off != y->off)
    return x->off > y->off ? 1 : -1;
  return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

// The slots in offset order, dealt into groups whose slots never overlap
// (each slot to the first group it fits after: the fewest groups for
// intervals).  lower.c prints a group as one struct.
static void group(Layout *l) {
  int n = l->slots.len;
  l->by_off = arena_alloc(sizeof(int) * (n + 1));
  long *ends = arena_alloc(sizeof(long) * (n + 1));
  for (int i = 0; i < n; i++)
    l->by_off[i] = i;
  order_layout = l;
  qsort(l->by_off, n, sizeof(int), by_offset);
  for (int i = 0; i < n; i++) {
    FrameSlot *s = &l->slots.data[l->by_off[i]];
    int g = 0;
    while (g < l->ngroups && ends[g] > s->off)
      g++;
    if (g == l->ngroups)
      l->ngroups++;
    ends[g] = s->off + s->size;
    s->group = g;
    l->end = ends[g] > l->end ? ends[g] : l->end;
  }
}

Layout *layout_build(const AsyncFn *fn, const Plan *plan) {
  Layout *l = arena_alloc(sizeof *l);
  l->plan = plan;
  l->align = 1;
  add_slots(l, fn);
  place(l);
  group(l);
  return l;
}

static bool overlap(const FrameSlot *a, const FrameSlot *b) {
  return a->off < b->off + b->size && b->off < a->off + a->size;
}

char *layout_shares(const Layout *l, int i) {
  char *names = NULL;
  for (int j = 0; j < l->slots.len; j++)
    if (j != i && overlap(&l->slots.data[i], &l->slots.data[j]))
      names = arena_printf("%s%s%s", names ? names : "", names ? ", " : "",
                           l->slots.data[j].name);
  return names;
}

void layout_dump(const Layout *l, FILE *out) {
  int shared = 0;
  for (int i = 0; i < l->slots.len; i++)
    shared += layout_shares(l, i) != NULL;
  fprintf(out, "  frame slots (the frame's locals and spills, after ac__awaiting): "
               "%ld bytes, align %ld (%ld if none shared), %d of %d slots share\n",
          l->size, l->align, l->unshared, shared, l->slots.len);
  for (int i = 0; i < l->slots.len; i++) {
    const FrameSlot *s = &l->slots.data[i];
    fprintf(out, "    %4ld %4ld  %-12s %s", s->off, s->size, s->name,
            s->temp >= 0 ? "temporary" : s->literal ? "compound literal, its whole block"
                                   : s->whole_scope ? "local, its whole block" : "local");
    if (!s->whole_scope) {
      fputs(", across awaits", out);
      for (int k = 1; k <= l->plan->awaits.len; k++)
        if (has_at(s, k))
          fprintf(out, " %d", k);
    }
    char *shares = layout_shares(l, i);
    fprintf(out, "%s%s\n", shares ? "; shares bytes with " : "", shares ? shares : "");
  }
}
