// explain.c: --explain, what each async function costs, in three forms:
//   text  for people: states, what is hoisted and why, spilled temporaries,
//         the frame's layout (tests/explain pins it);
//   dot   a Graphviz picture of each state machine: one cluster per
//         function, a node per state (its await, source line, the locals
//         live across it), edges for "completed synchronously" and
//         "suspended, resumed", the frame's layout as a record;
//   json  the same facts for tools, in the schema docs/lowering.md
//         documents ("asyncc_explain": 1; fields are only ever added).
// All three read what lower.c decided (Lower, Plan, Analysis): nothing here
// decides anything, so the report cannot disagree with the generated C.
// The flow between states comes from live.c's control-flow graph.

#include "acc.h"

#include <stdlib.h>
#include <string.h>

typedef VEC(char *) Names;

static ExplainFormat format;
static int nfunctions;   // reported so far in this file

// --- strings -------------------------------------------------------------------

typedef enum { ESC_JSON, ESC_DOT, ESC_HTML } Escape;

// The length of the valid UTF-8 sequence at s (at most n bytes), or 0.
static int utf8_len(const unsigned char *s, int n) {
  int len = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
          : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
  if (len > n || (len == 2 && s[0] < 0xc2))
    return 0;
  for (int i = 1; i < len; i++)
    if ((s[i] & 0xc0) != 0x80)
      return 0;
  return len;
}

// Writes n bytes of s (n < 0: all of it) quoted for a JSON string, a dot
// string or a dot HTML-like label.  Bytes that are not UTF-8 become U+FFFD;
// in dot, a run of blanks and line breaks becomes one space.
static void put_escaped(FILE *out, const char *s, int n, Escape esc) {
  if (n < 0)
    n = strlen(s);
  const unsigned char *p = (const unsigned char *)s;
  for (int i = 0; i < n;) {
    int len = utf8_len(p + i, n - i);
    unsigned c = p[i];
    bool blank = c == ' ' || c < 0x20;
    if (esc != ESC_JSON && blank && i > 0 && (p[i - 1] == ' ' || p[i - 1] < 0x20)) {
      i++;
      continue;
    }
    if (!len) {
      fputs(esc == ESC_JSON ? "\\ufffd" : "\xef\xbf\xbd", out);
      i++;
      continue;
    }
    if (len > 1) {
      fwrite(p + i, 1, len, out);
    } else if (esc == ESC_HTML && strchr("&<>\"", c)) {
      fprintf(out, "&#%u;", c);
    } else if (esc != ESC_HTML && (c == '"' || c == '\\')) {
      fprintf(out, "\\%c", c);
    } else if (c < 0x20 || c == 0x7f) {
      if (esc == ESC_JSON)
        fprintf(out, "\\u%04x", c);
      else
        fputc(' ', out);
    } else {
      fputc(c, out);
    }
    i += len;
  }
}

// At most max bytes of the n at s, cut at a character boundary.
static int clip(const char *s, int n, int max) {
  if (n <= max)
    return n;
  while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
    max--;
  return max;
}

// --- the facts the three forms share ---------------------------------------------

// The hoisted locals and spilled temporaries live across state k (plan
// order), as a list of names.
static Names live_at_state(Lower *L, int k) {
  Names names = {0};
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    for (int j = 0; v->hoisted && j < v->live_at.len; j++)
      if (lower_await_number(L, v->live_at.data[j]) == k) {
        vec_push(&names, v->field);
        break;
      }
  }
  for (int i = 0; i < L->plan->temps.len; i++) {
    Temp *t = &L->plan->temps.data[i];
    if (t->in_frame && t->born < k && k <= t->used_after)
      vec_push(&names, arena_printf("ac__t%d", i));
  }
  return names;
}

// next[0]: the states that can run first; next[k]: those that can run next
// after state k; 0 stands for the end.  All in plan order, sorted.
static IntVec *flow(Lower *L) {
  int n = L->an->awaits.len;
  IntVec *by_source = arena_alloc(sizeof(IntVec) * (n + 1));
  IntVec *next = arena_alloc(sizeof(IntVec) * (n + 1));
  live_next(L->src, L->fn, by_source);
  for (int i = 0; i <= n; i++) {
    int k = i ? lower_await_number(L, i) : 0;
    for (int j = 0; j < by_source[i].len; j++) {
      int to = by_source[i].data[j] ? lower_await_number(L, by_source[i].data[j]) : 0;
      int at = next[k].len;
      vec_push(&next[k], to);
      for (; at > 0 && (next[k].data[at - 1] == 0 || (to && next[k].data[at - 1] > to)); at--)
        next[k].data[at] = next[k].data[at - 1];   // insertion sort, the end last
      next[k].data[at] = to;
    }
  }
  return next;
}

// The function that resumes state k, as lower.c names it.
static char *resume_name(Lower *L, int k) {
  if (L->an->awaits.len == 1)
    return arena_printf("%s__resume", L->fn->name);
  return arena_printf("%s__resume_%d", L->fn->name, k);
}

static bool allocated_at_entry(Lower *L) {
  return L->an->heap_at_entry;
}

// --- text --------------------------------------------------------------------------

static void text_layout(Lower *L, FILE *out) {
  Slots slots;
  long size = lower_frame_layout(L, &slots);
  bool literals = L->an->literals.len > 0;   // their addresses outlive an await
  fprintf(out, "  frame: %ld bytes%s\n", size,
          !allocated_at_entry(L) ? ", allocated at the first suspension (until then the "
                                   "ramp's locals hold its values)"
          : literals ? ", allocated when called (a compound literal's address outlives an "
                       "await, so the frame never moves)"
                     : ", allocated when called (a hoisted local's address is taken, so the "
                       "frame never moves)");
  for (int i = 0; i < slots.len; i++)
    fprintf(out, "    %4ld  %-16s %4ld  %s%s%s\n", slots.data[i].off, slots.data[i].name,
            slots.data[i].size, slots.data[i].what,
            slots.data[i].shares ? ", shares bytes with " : "",
            slots.data[i].shares ? slots.data[i].shares : "");
}

static void text_function(Lower *L, FILE *out) {
  Source *src = L->src;
  AsyncFn *fn = L->fn;
  int line, col;
  source_pos(src, fn->async_off, &line, &col);
  fprintf(out, "%s:%d: async %s %s%s\n", src->path, line, lower_result_text(L),
          entry_user_name(fn), lower_src_text(L, fn->params_off, fn->params_end));
  fprintf(out, "  states: %d (one per await, in the order they run)\n", L->plan->awaits.len);
  for (int i = 0; i < L->plan->awaits.len; i++) {
    Node *a = L->plan->awaits.data[i];
    source_pos(src, a->off, &line, &col);
    int n = a->end - a->off;
    AsyncFn *c = lower_embedded_callee(L, a);
    fprintf(out, "    %d  %d:%d  %.*s%s  -> %s%s%s%s\n", i + 1, line, col, n > 40 ? 40 : n,
            src->text + a->off, n > 40 ? "..." : "", a->fact ? a->fact->ctype : "?",
            c ? " (if " : "", c ? c->name : "",
            c ? " suspends, its frame goes in ac__callee, not the heap, once this frame "
                "exists)" : "");
  }
  fprintf(out, "  hoisted (kept in the frame across an await):\n");
  int nhoisted = 0;
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    if (!v->hoisted)
      continue;
    nhoisted++;
    // A local whose address is taken is not checked for liveness: a pointer
    // may reach it, so it is kept at every await in its scope (analyse.c).
    fprintf(out, "    %-12s %s, %s%s%s%s%s\n", v->field, v->fact->type,
            v->address_taken ? "kept in the frame (its address is taken) across every await "
                               "in its scope: " : "live across ",
            lower_live_states(L, v),
            v->cleanup ? " (its cleanup " : "", v->cleanup ? v->fact->cleanup_fn : "",
            v->cleanup ? " reads it at the end of its scope)" : "");
  }
  if (!nhoisted)
    fprintf(out, "    none\n");
  fprintf(out, "  not hoisted (dead at every await):\n");
  int ncold = 0;
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    if (!v->hoisted && ++ncold)
      fprintf(out, "    %-12.*s %s%s\n", v->name_len, src->text + v->name_off, v->fact->type,
              v->is_param ? " (parameter)" : "");
  }
  if (!ncold)
    fprintf(out, "    none\n");
  fprintf(out, "  spilled temporaries:\n");
  int nspill = 0;
  for (int i = 0; i < L->plan->temps.len; i++) {
    Temp *t = &L->plan->temps.data[i];
    if (!t->in_frame)
      continue;
    nspill++;
    if (t->await_no)
      fprintf(out, "    ac__t%-6d %s, the value of await %d, used after await %d\n", i,
              t->type, t->await_no, t->used_after);
    else
      fprintf(out, "    ac__t%-6d %s, a condition's value, used after await %d\n", i,
              t->type, t->used_after);
  }
  if (!nspill)
    fprintf(out, "    none\n");
  text_layout(L, out);
}

// --- dot -----------------------------------------------------------------------------
//
// Node names carry the function's number in the file (f1_s2: state 2 of the
// first function), so one graph holds every function of the file.

static void dot_node_name(FILE *out, int f, int k) {
  if (k < 0)
    fprintf(out, "f%d_entry", f);
  else if (k == 0)
    fprintf(out, "f%d_end", f);
  else
    fprintf(out, "f%d_s%d", f, k);
}

// label is dot text (our own words and C names).  A state that can follow
// itself (a loop) gets its two loops on two sides, so that their labels do
// not overlap; dot leaves the left one's label out of the cluster's box,
// hence the cluster's margin and that label's few words.
static void dot_edge(FILE *out, int f, int from, int to, bool dashed, const char *label) {
  fputs("    ", out);
  dot_node_name(out, f, from);
  if (from == to)
    fputs(dashed ? ":w" : ":e", out);
  fputs(" -> ", out);
  dot_node_name(out, f, to);
  if (from == to)
    fputs(dashed ? ":w" : ":e", out);
  fprintf(out, " [%slabel=\"%s\"];\n", dashed ? "style=dashed, " : "", label);
}

static void dot_state(Lower *L, FILE *out, int f, int k) {
  Node *a = L->plan->awaits.data[k - 1];
  int line, col;
  source_pos(L->src, a->off, &line, &col);
  int n = a->end - a->off, shown = clip(L->src->text + a->off, n, 48);
  fputs("    ", out);
  dot_node_name(out, f, k);
  fprintf(out, " [label=\"state %d  (line %d:%d)\\l", k, line, col);
  put_escaped(out, L->src->text + a->off, shown, ESC_DOT);
  fprintf(out, "%s  -> ", shown < n ? "..." : "");
  put_escaped(out, a->fact ? a->fact->ctype : "?", -1, ESC_DOT);
  fputs("\\l", out);
  AsyncFn *c = lower_embedded_callee(L, a);
  if (c)
    fprintf(out, "%s's frame embedded (ac__callee)\\l", c->name);
  Names live = live_at_state(L, k);
  fputs("live: ", out);
  for (int i = 0; i < live.len; i++)
    fprintf(out, "%s%s", i ? ", " : "", live.data[i]);
  fprintf(out, "%s\\l\"];\n", live.len ? "" : "nothing");
}

// The frame's layout as a table (a dot HTML-like label: columns line up).
static void dot_frame(Lower *L, FILE *out, int f) {
  Slots slots;
  long size = lower_frame_layout(L, &slots);
  bool shared = false;   // a column for the sharing, when there is some
  for (int i = 0; i < slots.len; i++)
    shared |= slots.data[i].shares != NULL;
  fprintf(out, "    f%d_frame [shape=plain, label=<<table border=\"0\" cellborder=\"1\" "
          "cellspacing=\"0\" cellpadding=\"3\">\n"
          "      <tr><td colspan=\"%d\"><b>frame: %ld bytes</b>, allocated %s</td></tr>\n"
          "      <tr><td>offset</td><td>field</td><td>bytes</td>%s</tr>\n", f,
          shared ? 4 : 3, size, allocated_at_entry(L) ? "when called" : "at the first suspension",
          shared ? "<td>shares bytes with</td>" : "");
  for (int i = 0; i < slots.len; i++) {
    fprintf(out, "      <tr><td align=\"right\">%ld</td><td align=\"left\">", slots.data[i].off);
    put_escaped(out, slots.data[i].name, -1, ESC_HTML);
    fprintf(out, "</td><td align=\"right\">%ld</td>", slots.data[i].size);
    if (shared) {
      fputs("<td align=\"left\">", out);
      put_escaped(out, slots.data[i].shares ? slots.data[i].shares : "", -1, ESC_HTML);
      fputs("</td>", out);
    }
    fputs("</tr>\n", out);
  }
  fputs("    </table>>];\n", out);
}

static void dot_function(Lower *L, FILE *out) {
  int f = nfunctions, line, col;
  int nstates = L->plan->awaits.len;
  IntVec *next = flow(L);
  source_pos(L->src, L->fn->async_off, &line, &col);
  fprintf(out, "  subgraph cluster_%d {\n    margin=36;\n    label=\"", f);
  put_escaped(out, arena_printf("%s:%d: async %s %s%s", L->src->path, line, lower_result_text(L),
                                entry_user_name(L->fn), lower_src_text(L, L->fn->params_off,
                                                            L->fn->params_end)), -1, ESC_DOT);
  fprintf(out, "\";\n    f%d_entry [shape=oval, label=\"called: the ramp runs\\non the "
          "caller's stack\"];\n", f);
  for (int k = 1; k <= nstates; k++)
    dot_state(L, out, f, k);
  fprintf(out, "    f%d_end [shape=oval, label=\"return: the future completes\"];\n", f);
  dot_frame(L, out, f);
  for (int j = 0; j < next[0].len; j++)
    dot_edge(out, f, -1, next[0].data[j], false,
             next[0].data[j] ? "runs to" : allocated_at_entry(L) ? "returns at once"
             : "returns at once:\\na completed future,\\nno frame allocated");
  for (int k = 1; k <= nstates; k++)
    for (int j = 0; j < next[k].len; j++) {
      dot_edge(out, f, k, next[k].data[j], false, "completed\\nsynchronously");
      dot_edge(out, f, k, next[k].data[j], true, next[k].data[j] == k ? "suspended,\\nresumed"
               : arena_printf("suspended, resumed\\nby %s", resume_name(L, k)));
    }
  fprintf(out, "    f%d_end -> f%d_frame [style=invis];\n  }\n", f, f);
}

// --- json ------------------------------------------------------------------------------

static void json_string(FILE *out, const char *s, int n) {
  fputc('"', out);
  put_escaped(out, s, n, ESC_JSON);
  fputc('"', out);
}

static void json_ints(FILE *out, const IntVec *v) {
  fputc('[', out);
  for (int i = 0; i < v->len; i++)
    fprintf(out, "%s%d", i ? ", " : "", v->data[i]);
  fputc(']', out);
}

static void json_states(Lower *L, FILE *out, IntVec *next) {
  fputs("      \"states\": [", out);
  for (int k = 1; k <= L->plan->awaits.len; k++) {
    Node *a = L->plan->awaits.data[k - 1];
    int line, col;
    source_pos(L->src, a->off, &line, &col);
    fprintf(out, "%s\n        {\"state\": %d, \"line\": %d, \"column\": %d, \"await\": ",
            k > 1 ? "," : "", k, line, col);
    json_string(out, L->src->text + a->off, a->end - a->off);
    fputs(", \"type\": ", out);
    json_string(out, a->fact ? a->fact->ctype : "?", -1);
    fputs(", \"resume\": ", out);
    json_string(out, resume_name(L, k), -1);
    AsyncFn *c = lower_embedded_callee(L, a);
    fputs(", \"embeds\": ", out);
    if (c)
      json_string(out, c->name, -1);
    else
      fputs("null", out);
    fputs(", \"live\": [", out);
    Names live = live_at_state(L, k);
    for (int i = 0; i < live.len; i++) {
      fputs(i ? ", " : "", out);
      json_string(out, live.data[i], -1);
    }
    fputs("], \"next\": ", out);
    json_ints(out, &next[k]);
    fputc('}', out);
  }
  fputs(L->plan->awaits.len ? "\n      ],\n" : "],\n", out);
}

static void json_locals(Lower *L, FILE *out) {
  fputs("      \"locals\": [", out);
  for (int i = 0; i < L->an->vars.len; i++) {
    Var *v = L->an->vars.data[i];
    fprintf(out, "%s\n        {\"name\": ", i ? "," : "");
    json_string(out, L->src->text + v->name_off, v->name_len);
    fputs(", \"type\": ", out);
    json_string(out, v->fact->type, -1);
    fprintf(out, ", \"parameter\": %s, \"hoisted\": %s, \"address_taken\": %s, \"field\": ",
            v->is_param ? "true" : "false", v->hoisted ? "true" : "false",
            v->address_taken ? "true" : "false");
    if (v->hoisted)
      json_string(out, v->field, -1);
    else
      fputs("null", out);
    IntVec at = {0};
    for (int j = 0; v->hoisted && j < v->live_at.len; j++)
      vec_push(&at, lower_await_number(L, v->live_at.data[j]));
    fputs(", \"live_at\": ", out);
    json_ints(out, &at);
    fputc('}', out);
  }
  fputs(L->an->vars.len ? "\n      ],\n" : "],\n", out);
  fputs("      \"spilled\": [", out);
  int nspill = 0;
  for (int i = 0; i < L->plan->temps.len; i++) {
    Temp *t = &L->plan->temps.data[i];
    if (!t->in_frame)
      continue;
    fprintf(out, "%s\n        {\"field\": \"ac__t%d\", \"type\": ", nspill++ ? "," : "", i);
    json_string(out, t->type, -1);
    fprintf(out, ", \"size\": %ld, \"await\": %d, \"live_at\": [", t->size, t->await_no);
    for (int k = t->born + 1; k <= t->used_after; k++)
      fprintf(out, "%s%d", k > t->born + 1 ? ", " : "", k);
    fputs("]}", out);
  }
  fputs(nspill ? "\n      ],\n" : "],\n", out);
}

static void json_frame(Lower *L, FILE *out) {
  Slots slots;
  long size = lower_frame_layout(L, &slots);
  fprintf(out, "      \"frame\": {\"size\": %ld, \"align\": %ld, \"allocated\": \"%s\", "
          "\"fields\": [", size, L->fn->frame_align,
          allocated_at_entry(L) ? "when_called" : "first_suspension");
  for (int i = 0; i < slots.len; i++) {
    fprintf(out, "%s\n        {\"offset\": %ld, \"name\": ", i ? "," : "", slots.data[i].off);
    json_string(out, slots.data[i].name, -1);
    fprintf(out, ", \"size\": %ld, \"what\": ", slots.data[i].size);
    json_string(out, slots.data[i].what, -1);
    fputs(", \"shares\": [", out);
    for (const char *p = slots.data[i].shares; p && *p;) {   // "x, ac__t0"
      const char *comma = strchr(p, ',');
      int n = comma ? (int)(comma - p) : (int)strlen(p);
      fputs(p != slots.data[i].shares ? ", " : "", out);
      json_string(out, p, n);
      p = comma ? comma + 2 : p + n;
    }
    fputs("]}", out);
  }
  fputs("\n      ]}\n", out);
}

static void json_function(Lower *L, FILE *out) {
  int line, col;
  source_pos(L->src, L->fn->async_off, &line, &col);
  fprintf(out, "%s\n    {\n      \"name\": ", nfunctions ? "," : "");
  json_string(out, entry_user_name(L->fn), -1);
  fprintf(out, ",\n      \"line\": %d,\n      \"result\": ", line);
  json_string(out, lower_result_text(L), -1);
  fputs(",\n      \"params\": ", out);
  json_string(out, lower_src_text(L, L->fn->params_off, L->fn->params_end), -1);
  IntVec *next = flow(L);
  fputs(",\n      \"entry_next\": ", out);
  json_ints(out, &next[0]);
  fputs(",\n", out);
  json_states(L, out, next);
  json_locals(L, out);
  json_frame(L, out);
  fputs("    }", out);
}

// --- the report of one file ----------------------------------------------------------

void explain_begin(FILE *out, ExplainFormat fmt, Source *src) {
  format = fmt;
  nfunctions = 0;
  if (format == EXPLAIN_DOT) {
    fputs("digraph asyncc {\n", out);
    fputs("  graph [fontname=\"Helvetica\", fontsize=11, labeljust=l, nodesep=0.3];\n"
          "  node [fontname=\"Helvetica\", fontsize=10, shape=box, style=rounded];\n"
          "  edge [fontname=\"Helvetica\", fontsize=9];\n", out);
  } else if (format == EXPLAIN_JSON) {
    fputs("{\n  \"asyncc_explain\": 1,\n  \"file\": ", out);
    json_string(out, src->path, -1);
    fputs(",\n  \"functions\": [", out);
  }
}

void explain_function(Lower *L, FILE *out) {
  if (format == EXPLAIN_DOT)
    dot_function(L, out);
  else if (format == EXPLAIN_JSON)
    json_function(L, out);
  else
    text_function(L, out);
  nfunctions++;
}

void explain_end(FILE *out) {
  if (format == EXPLAIN_DOT)
    fputs("}\n", out);
  else if (format == EXPLAIN_JSON)
    fputs(nfunctions ? "\n  ]\n}\n" : "]\n}\n", out);
}
