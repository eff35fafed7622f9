/* parse.y: the grammar of one async function body.
 *
 * Input is the flex token array (scan.l) between the body's `{` and `}`;
 * output is a Node tree (acc.h) that matches the source as written.  The
 * grammar is C11's compound statement plus the GNU extensions seen in real
 * code, plus the dialect's `await`, a prefix operator parsed exactly like
 * unary `*`.  Headers and plain functions never come here.
 *
 * Algorithm and guarantees:
 * - A pure LALR(1) parser (no globals).  yylex walks the token array,
 *   skipping TF_SKIPPED and TK_HASH_LINE tokens, maps keyword and punctuator
 *   spellings to grammar tokens with two small tables, and asks the
 *   is_type_name callback (libclang facts) whether an identifier is a
 *   typedef name at that offset.  That answer is per token, so a typedef
 *   name redeclared in an inner scope needs no scope tracking here.
 *   Source is unexpanded, so the adapter also reads the macros it can
 *   recognise safely: _Pragma(...) is dropped, `"%" PRIu64` is one literal,
 *   offsetof/va_arg are the builtins, `VEC(int) v;` is a type macro.
 * - Every node's range [off, end) is exact: bison's location of the rule,
 *   from the first byte of its first token to one past its last token
 *   (YYLLOC_DEFAULT below skips empty components).  join.c relies on it.
 *   Parentheses are not nodes: `(a)` is a's node, and outer nodes' ranges
 *   include the parentheses they contain.
 * - Declaration specifiers, type names, struct/union/enum bodies,
 *   attributes and asm operands are recognised but kept as ranges only
 *   (type_off/type_end); bodies and attribute contents are balanced tokens.
 * - The only conflict, the dangling else, is resolved by %prec (an else
 *   binds to the nearest if).  Everything else is conflict-free: %expect 0.
 * - The parser stack is bounded by YYMAXDEPTH; deeper nesting is reported
 *   as "nesting too deep" instead of exhausting memory or the C stack.
 */

%define api.pure full
%define api.prefix {pp_}
%define api.token.prefix {T_}
%define api.location.type {ParseSpan}
%define parse.error custom
%locations
%param {Parser *ps}
%expect 0
%initial-action { (void)yynerrs; }   /* counted by bison, unused here */

%code requires {
#include "acc.h"

// A byte range [off, end) of Source.text: the location of every symbol.
typedef struct { int off, end; } ParseSpan;
// A singly linked list of nodes under construction (via Node.next).
typedef struct { Node *head, *tail; } ParseList;
// A declarator: the declared name (name_off == -1 for none) and the array
// bound expressions met on the way to it (`int a[n][m]`: n, m).
typedef struct { int name_off, name_len; ParseList dims; } ParseDeclr;
typedef struct Parser Parser;
}

%code {
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Bison's stack lives on the heap; bound it so that 10,000 nested
// parentheses or blocks are an error, not a huge tree for later recursive
// passes.  Each nesting level costs one or two stack entries; a chain of
// else-ifs costs six per level.
#define YYMAXDEPTH 5000

struct Parser {
  ParseInput *in;
  int pos;          // index of the next token to read
  Node *result;
};

// The location of a rule: its first non-empty component to its last.  An
// empty rule gets an empty range at the end of the symbol before it.
static ParseSpan span_of(const ParseSpan *rhs, int n) {
  int first = 0, last = 0;
  for (int k = 1; k <= n; k++) {
    if (rhs[k].off == rhs[k].end)
      continue;
    if (!first)
      first = k;
    last = k;
  }
  if (!first)
    return (ParseSpan){rhs[0].end, rhs[0].end};
  return (ParseSpan){rhs[first].off, rhs[last].end};
}
#define YYLLOC_DEFAULT(Cur, Rhs, N) ((Cur) = span_of(&YYRHSLOC(Rhs, 0), (N)))

static int yylex(PP_STYPE *lval, ParseSpan *loc, Parser *ps);
static void yyerror(ParseSpan *loc, Parser *ps, const char *msg);

// Declaration specifier summary, the value of declaration_specifiers.
enum {
  SPEC_TYPEDEF = 1,   // the `typedef` storage class
  SPEC_OTHER = 2,     // anything but an attribute
};

static Node *new_node(NodeKind kind, ParseSpan loc) {
  Node *n = arena_alloc(sizeof *n);
  n->kind = kind;
  n->off = loc.off;
  n->end = loc.end;
  n->name_off = n->type_off = n->type_end = -1;
  return n;
}

static Node *new_expr(NodeKind kind, ParseSpan loc, Node *lhs, ParseSpan op,
                      Node *rhs) {
  Node *n = new_node(kind, loc);
  n->lhs = lhs;
  n->rhs = rhs;
  n->op = op.off;
  n->oplen = op.end - op.off;
  return n;
}

static Node *new_named(NodeKind kind, ParseSpan loc, ParseSpan name) {
  Node *n = new_node(kind, loc);
  n->name_off = name.off;
  n->name_len = name.end - name.off;
  return n;
}

static Node *new_typed(NodeKind kind, ParseSpan loc, ParseSpan type,
                       Node *lhs) {
  Node *n = new_node(kind, loc);
  n->type_off = type.off;
  n->type_end = type.end;
  n->lhs = lhs;
  return n;
}

#define NO_NODES ((ParseList){NULL, NULL})

static ParseList list_of(Node *n) {
  return (ParseList){n, n};
}

static ParseList list_add(ParseList l, Node *n) {
  if (!n)
    return l;
  if (!l.head)
    return list_of(n);
  l.tail->next = n;
  l.tail = n;
  return l;
}

// A declaration: ND_TYPEDEF, ND_DECL, or for a lone attribute list such as
// `__attribute__((fallthrough));` the null statement it is.
static Node *new_decl(ParseSpan loc, ParseSpan specs, int flags, Node *vars) {
  if (flags & SPEC_TYPEDEF)
    return new_typed(ND_TYPEDEF, loc, specs, NULL);
  if (!flags && !vars)
    return new_node(ND_NULL_STMT, loc);
  Node *n = new_typed(ND_DECL, loc, specs, NULL);
  n->body = vars;
  return n;
}

static Node *new_var(ParseSpan loc, ParseDeclr d, Node *init) {
  Node *n = new_node(ND_VAR, loc);
  n->name_off = d.name_off;
  n->name_len = d.name_len;
  n->init = init;
  n->args = d.dims.head;
  return n;
}

// A label node gets its statement: its range grows to cover it.
static Node *with_body(Node *label, ParseSpan loc, Node *body) {
  label->body = body;
  label->end = loc.end;
  return label;
}

// A block; trailing labels (`{ x; out: }`) become its last item.
static Node *new_block(ParseSpan loc, ParseList items, Node *labels) {
  Node *n = new_node(ND_BLOCK, loc);
  n->body = list_add(items, labels).head;
  return n;
}

static Node *new_for(ParseSpan loc, Node *init, Node *cond, Node *inc,
                     Node *body) {
  Node *n = new_node(ND_FOR, loc);
  n->init = init;
  n->cond = cond;
  n->inc = inc;
  n->body = body;
  return n;
}

static Node *new_if(ParseSpan loc, Node *cond, Node *then, Node *els) {
  Node *n = new_node(ND_IF, loc);
  n->cond = cond;
  n->then = then;
  n->els = els;
  return n;
}
}

%union {
  Node *node;
  ParseList list;
  ParseDeclr declr;
  int flags;
}

/* ---- Tokens ----
 * Names and literals; then keywords, several spellings sharing one token
 * where the grammar treats them alike; then multi-character punctuators.
 * Single-character punctuators are their own character codes. */
%token YYEOF 0 "end of body"
%token IDENT "identifier" TYPE_NAME "type name" NUM "number"
%token TYPE_MACRO "type macro"        /* see is_type_macro_call */
%token ATTR_MACRO "attribute macro"   /* a macro that expands to attributes */
%token ATTR_MACRO_CALL "attribute macro call"   /* ... a function-like one */
%token STR "string literal" CHARCONST "character constant"
%token ASYNC "async" AWAIT "await"

%token TYPEDEF "typedef"
%token STORAGE "storage class"        /* extern static auto register _Thread_local */
%token TYPE_KW "type keyword"         /* void char int _Bool __int128 ... */
%token QUALIFIER "type qualifier"     /* const volatile restrict and spellings */
%token ATOMIC "_Atomic"               /* _Atomic not followed by '(' */
%token ATOMIC_SPEC "_Atomic("         /* _Atomic followed by '(' (C11 6.7.2.4) */
%token FUNC_SPEC "function specifier" /* inline _Noreturn */
%token ALIGNAS "_Alignas" STRUCT "struct" UNION "union" ENUM "enum"
%token TYPEOF "typeof" ATTRIBUTE "__attribute__" ASM "asm"
%token IF "if" ELSE "else" SWITCH "switch" CASE "case" DEFAULT "default"
%token WHILE "while" DO "do" FOR "for" GOTO "goto" CONTINUE "continue"
%token BREAK "break" RETURN "return"
%token SIZEOF "sizeof" ALIGNOF "_Alignof" GENERIC "_Generic"
%token STATIC_ASSERT "_Static_assert" EXTENSION "__extension__"
%token REAL "__real__" IMAG "__imag__" LABEL "__label__"
%token BUILTIN_VA_ARG "__builtin_va_arg" BUILTIN_OFFSETOF "__builtin_offsetof"
%token BUILTIN_TYPES_COMPATIBLE_P "__builtin_types_compatible_p"

%token ARROW "->" INC "++" DEC "--" SHL "<<" SHR ">>" LE "<=" GE ">="
%token EQ "==" NE "!=" ANDAND "&&" OROR "||" ELLIPSIS "..."
%token MUL_ASSIGN "*=" DIV_ASSIGN "/=" MOD_ASSIGN "%=" ADD_ASSIGN "+="
%token SUB_ASSIGN "-=" SHL_ASSIGN "<<=" SHR_ASSIGN ">>=" AND_ASSIGN "&="
%token XOR_ASSIGN "^=" OR_ASSIGN "|=" HASH "#" HASHHASH "##"

/* The dangling else: `if (a) if (b) s; else t;` gives the else to the
 * inner if.  The rule without else has lower precedence than ELSE, so the
 * parser shifts.  This is the grammar's only resolved conflict. */
%precedence THEN
%precedence ELSE

%type <node> primary_expression postfix_expression unary_expression
%type <node> cast_expression multiplicative_expression additive_expression
%type <node> shift_expression relational_expression equality_expression
%type <node> and_expression exclusive_or_expression inclusive_or_expression
%type <node> logical_and_expression logical_or_expression
%type <node> conditional_expression assignment_expression expression
%type <node> constant_expression expression_opt
%type <node> generic_selection builtin_call braced_init initializer
%type <node> initializer_item init_declarator array_size
%type <list> argument_list generic_assoc_list initializer_list
%type <list> init_declarator_list block_item_list
%type <node> generic_association

%type <node> statement unlabeled_statement labeled_statement label
%type <node> trailing_labels
%type <node> compound_statement expression_statement selection_statement
%type <node> iteration_statement jump_statement asm_statement
%type <node> block_item declaration for_init
%type <flags> declaration_specifiers declaration_specifier
%type <declr> declarator direct_declarator

%%

body
  : compound_statement                    { ps->result = $1; }
  ;

/* ==== Expressions (C11 6.5), tightest first ==== */

/* A name where a typedef name cannot mean a type: members, tags, labels,
 * designators. */
any_ident
  : IDENT
  | TYPE_NAME
  ;

strings
  : STR
  | strings STR                           /* adjacent literals concatenate */
  ;

primary_expression
  : IDENT                                 { $$ = new_named(ND_IDENT, @$, @1); }
  | NUM                                   { $$ = new_node(ND_LITERAL, @$); }
  | CHARCONST                             { $$ = new_node(ND_LITERAL, @$); }
  | strings                               { $$ = new_node(ND_LITERAL, @$); }
  | '(' expression ')'                    { $$ = $2; }
  | '(' compound_statement ')'            /* GNU statement expression */
      { $$ = new_node(ND_STMT_EXPR, @$); $$->body = $2; }
  | generic_selection
  | builtin_call
  ;

/* _Generic(ctl, T: e, default: e): lhs is the controlling expression, args
 * the associated expressions. */
generic_selection
  : GENERIC '(' assignment_expression ',' generic_assoc_list ')'
      { $$ = new_node(ND_GENERIC, @$); $$->lhs = $3; $$->args = $5.head; }
  ;

generic_assoc_list
  : generic_association                   { $$ = list_of($1); }
  | generic_assoc_list ',' generic_association { $$ = list_add($1, $3); }
  ;

generic_association
  : type_name ':' assignment_expression   { $$ = $3; }
  | DEFAULT ':' assignment_expression     { $$ = $3; }
  ;

/* Builtins whose arguments include a type name.  type_off/type_end give
 * the (first) type; __builtin_va_arg's lhs is the va_list operand. */
builtin_call
  : BUILTIN_VA_ARG '(' assignment_expression ',' type_name ')'
      { $$ = new_typed(ND_BUILTIN, @$, @5, $3); }
  | BUILTIN_OFFSETOF '(' type_name ',' offsetof_member ')'
      { $$ = new_typed(ND_BUILTIN, @$, @3, NULL); }
  | BUILTIN_TYPES_COMPATIBLE_P '(' type_name ',' type_name ')'
      { $$ = new_typed(ND_BUILTIN, @$, @3, NULL); }
  ;

offsetof_member
  : any_ident
  | offsetof_member '.' any_ident
  | offsetof_member '[' expression ']'
  ;

postfix_expression
  : primary_expression
  | postfix_expression '[' expression ']'
      { $$ = new_expr(ND_INDEX, @$, $1, @2, $3); }
  | postfix_expression '(' ')'
      { $$ = new_expr(ND_CALL, @$, $1, @2, NULL); }
  | postfix_expression '(' argument_list ')'
      { $$ = new_expr(ND_CALL, @$, $1, @2, NULL); $$->args = $3.head; }
  | postfix_expression '.' any_ident
      { $$ = new_expr(ND_MEMBER, @$, $1, @2, NULL);
        $$->name_off = @3.off; $$->name_len = @3.end - @3.off; }
  | postfix_expression ARROW any_ident
      { $$ = new_expr(ND_MEMBER, @$, $1, @2, NULL);
        $$->name_off = @3.off; $$->name_len = @3.end - @3.off; }
  | postfix_expression INC                { $$ = new_expr(ND_POSTFIX, @$, $1, @2, NULL); }
  | postfix_expression DEC                { $$ = new_expr(ND_POSTFIX, @$, $1, @2, NULL); }
  | '(' type_name ')' braced_init         /* compound literal; body is the list */
      { $$ = new_typed(ND_COMPOUND_LIT, @$, @2, NULL); $$->body = $4; }
  ;

argument_list
  : assignment_expression                 { $$ = list_of($1); }
  | argument_list ',' assignment_expression { $$ = list_add($1, $3); }
  ;

/* `await E` is exactly like `*E`: it binds tighter than any binary
 * operator and looser than postfix ones, so `await f() + 1` is
 * `(await f()) + 1`. */
unary_expression
  : postfix_expression
  | INC unary_expression                  { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | DEC unary_expression                  { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | unary_operator cast_expression        { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | AWAIT cast_expression                 { $$ = new_expr(ND_AWAIT, @$, $2, @1, NULL); }
  | EXTENSION cast_expression             { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | REAL cast_expression                  { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | IMAG cast_expression                  { $$ = new_expr(ND_UNARY, @$, $2, @1, NULL); }
  | SIZEOF unary_expression               { $$ = new_expr(ND_SIZEOF, @$, $2, @1, NULL); }
  | SIZEOF '(' type_name ')'              { $$ = new_typed(ND_SIZEOF, @$, @3, NULL); }
  | ALIGNOF unary_expression              { $$ = new_expr(ND_ALIGNOF, @$, $2, @1, NULL); }
  | ALIGNOF '(' type_name ')'             { $$ = new_typed(ND_ALIGNOF, @$, @3, NULL); }
  | ANDAND any_ident                      /* GNU label address */
      { $$ = new_named(ND_LABEL_ADDR, @$, @2); }
  ;

unary_operator
  : '&' | '*' | '+' | '-' | '~' | '!'
  ;

cast_expression
  : unary_expression
  | '(' type_name ')' cast_expression     { $$ = new_typed(ND_CAST, @$, @2, $4); }
  ;

multiplicative_expression
  : cast_expression
  | multiplicative_expression '*' cast_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | multiplicative_expression '/' cast_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | multiplicative_expression '%' cast_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

additive_expression
  : multiplicative_expression
  | additive_expression '+' multiplicative_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | additive_expression '-' multiplicative_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

shift_expression
  : additive_expression
  | shift_expression SHL additive_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | shift_expression SHR additive_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

relational_expression
  : shift_expression
  | relational_expression '<' shift_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | relational_expression '>' shift_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | relational_expression LE shift_expression  { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | relational_expression GE shift_expression  { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

equality_expression
  : relational_expression
  | equality_expression EQ relational_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  | equality_expression NE relational_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

and_expression
  : equality_expression
  | and_expression '&' equality_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

exclusive_or_expression
  : and_expression
  | exclusive_or_expression '^' and_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

inclusive_or_expression
  : exclusive_or_expression
  | inclusive_or_expression '|' exclusive_or_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

logical_and_expression
  : inclusive_or_expression
  | logical_and_expression ANDAND inclusive_or_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

logical_or_expression
  : logical_and_expression
  | logical_or_expression OROR logical_and_expression { $$ = new_expr(ND_BINARY, @$, $1, @2, $3); }
  ;

/* `a ?: b` (GNU) has then == NULL. */
conditional_expression
  : logical_or_expression
  | logical_or_expression '?' expression ':' conditional_expression
      { $$ = new_node(ND_COND, @$); $$->cond = $1; $$->then = $3; $$->els = $5; }
  | logical_or_expression '?' ':' conditional_expression
      { $$ = new_node(ND_COND, @$); $$->cond = $1; $$->els = $4; }
  ;

assignment_expression
  : conditional_expression
  | unary_expression assignment_operator assignment_expression
      { $$ = new_expr(ND_ASSIGN, @$, $1, @2, $3); }
  ;

assignment_operator
  : '=' | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | ADD_ASSIGN | SUB_ASSIGN
  | SHL_ASSIGN | SHR_ASSIGN | AND_ASSIGN | XOR_ASSIGN | OR_ASSIGN
  ;

expression
  : assignment_expression
  | expression ',' assignment_expression  { $$ = new_expr(ND_COMMA, @$, $1, @2, $3); }
  ;

expression_opt
  : %empty                                { $$ = NULL; }
  | expression
  ;

constant_expression
  : conditional_expression
  ;

/* ==== Statements (C11 6.8) ==== */

statement
  : labeled_statement
  | unlabeled_statement
  ;

unlabeled_statement
  : compound_statement
  | expression_statement
  | selection_statement
  | iteration_statement
  | jump_statement
  | asm_statement
  ;

/* A label's node, without its statement: ND_LABEL, ND_CASE or ND_DEFAULT.
 * case/default may sit anywhere inside the switch body (Duff's device). */
label
  : any_ident ':'                         { $$ = new_named(ND_LABEL, @$, @1); }
  | CASE constant_expression ':'          { $$ = new_node(ND_CASE, @$); $$->lhs = $2; }
  | CASE constant_expression ELLIPSIS constant_expression ':'
      { $$ = new_node(ND_CASE, @$); $$->lhs = $2; $$->rhs = $4; }
  | DEFAULT ':'                           { $$ = new_node(ND_DEFAULT, @$); }
  ;

/* As gcc and clang accept in gnu11 (C23): a label may precede a
 * declaration, and so a lone attribute list,
 * `case 1: __attribute__((fallthrough));`. */
labeled_statement
  : label statement                       { $$ = with_body($1, @$, $2); }
  | label declaration                     { $$ = with_body($1, @$, $2); }
  ;

/* Labels may also end a block (C23, accepted in gnu11): `out: }` gives
 * label nodes with body NULL, the last of which ends the block. */
compound_statement
  : '{' '}'                               { $$ = new_block(@$, NO_NODES, NULL); }
  | '{' block_item_list '}'               { $$ = new_block(@$, $2, NULL); }
  | '{' trailing_labels '}'               { $$ = new_block(@$, NO_NODES, $2); }
  | '{' block_item_list trailing_labels '}' { $$ = new_block(@$, $2, $3); }
  ;

trailing_labels
  : label
  | label trailing_labels                 { $$ = with_body($1, @$, $2); }
  ;

block_item_list
  : block_item                            { $$ = list_of($1); }
  | block_item_list block_item            { $$ = list_add($1, $2); }
  ;

/* A statement or a declaration; as a block item a lone attribute list
 * (`__attribute__((fallthrough));`) is a declaration that new_decl turns
 * into a null statement. */
block_item
  : declaration
  | statement
  ;

expression_statement
  : ';'                                   { $$ = new_node(ND_NULL_STMT, @$); }
  | expression ';'                        { $$ = new_node(ND_EXPR_STMT, @$); $$->lhs = $1; }
  ;

selection_statement
  : IF '(' expression ')' statement %prec THEN { $$ = new_if(@$, $3, $5, NULL); }
  | IF '(' expression ')' statement ELSE statement { $$ = new_if(@$, $3, $5, $7); }
  | SWITCH '(' expression ')' statement
      { $$ = new_node(ND_SWITCH, @$); $$->cond = $3; $$->body = $5; }
  ;

iteration_statement
  : WHILE '(' expression ')' statement
      { $$ = new_node(ND_WHILE, @$); $$->cond = $3; $$->body = $5; }
  | DO statement WHILE '(' expression ')' ';'
      { $$ = new_node(ND_DO, @$); $$->body = $2; $$->cond = $5; }
  | FOR '(' for_init expression_opt ';' expression_opt ')' statement
      { $$ = new_for(@$, $3, $4, $6, $8); }
  ;

/* The first clause of a for, with its `;`: NULL, ND_EXPR_STMT or ND_DECL. */
for_init
  : ';'                                   { $$ = NULL; }
  | expression ';'                        { $$ = new_node(ND_EXPR_STMT, @$); $$->lhs = $1; }
  | declaration
  ;

/* goto *p (GNU computed goto) has lhs instead of a name. */
jump_statement
  : GOTO any_ident ';'                    { $$ = new_named(ND_GOTO, @$, @2); }
  | GOTO '*' expression ';'               { $$ = new_node(ND_GOTO, @$); $$->lhs = $3; }
  | CONTINUE ';'                          { $$ = new_node(ND_CONTINUE, @$); }
  | BREAK ';'                             { $$ = new_node(ND_BREAK, @$); }
  | RETURN expression_opt ';'             { $$ = new_node(ND_RETURN, @$); $$->lhs = $2; }
  ;

/* asm [volatile|inline|goto]... ( balanced ) ; kept as text. */
asm_statement
  : ASM asm_qualifiers '(' balanced ')' ';' { $$ = new_node(ND_ASM, @$); }
  ;

asm_qualifiers
  : %empty
  | asm_qualifiers QUALIFIER
  | asm_qualifiers FUNC_SPEC
  | asm_qualifiers GOTO
  ;

/* ==== Declarations (C11 6.7) ==== */

declaration
  : declaration_specifiers ';'            { $$ = new_decl(@$, @1, $1, NULL); }
  | declaration_specifiers init_declarator_list ';'
      { $$ = new_decl(@$, @1, $1, $2.head); }
  | STATIC_ASSERT '(' constant_expression ',' strings ')' ';'
      { $$ = new_node(ND_STATIC_ASSERT, @$); $$->lhs = $3; }
  | STATIC_ASSERT '(' constant_expression ')' ';'
      { $$ = new_node(ND_STATIC_ASSERT, @$); $$->lhs = $3; }
  | EXTENSION declaration                 { $$ = $2; $$->off = @$.off; }
  | LABEL label_list ';'                  /* GNU local labels: no variables */
      { $$ = new_typed(ND_DECL, @$, @$, NULL); }
  ;

label_list
  : any_ident
  | label_list ',' any_ident
  ;

declaration_specifiers
  : declaration_specifier
  | declaration_specifiers declaration_specifier { $$ = $1 | $2; }
  ;

declaration_specifier
  : TYPEDEF                               { $$ = SPEC_TYPEDEF | SPEC_OTHER; }
  | STORAGE                               { $$ = SPEC_OTHER; }
  | FUNC_SPEC                             { $$ = SPEC_OTHER; }
  | type_specifier                        { $$ = SPEC_OTHER; }
  | type_qualifier                        { $$ = SPEC_OTHER; }
  | alignment_specifier                   { $$ = SPEC_OTHER; }
  | attribute_specifier                   { $$ = 0; }
  ;

type_specifier
  : TYPE_KW
  | TYPE_NAME
  | TYPE_MACRO '(' balanced ')'           /* VEC(int): a macro for a type */
  | ATOMIC_SPEC '(' type_name ')'
  | struct_or_union_specifier
  | enum_specifier
  | TYPEOF '(' expression ')'
  | TYPEOF '(' type_name ')'
  ;

type_qualifier
  : QUALIFIER
  | ATOMIC
  ;

alignment_specifier
  : ALIGNAS '(' type_name ')'
  | ALIGNAS '(' constant_expression ')'
  ;

/* Member and enumerator lists are kept as balanced tokens. */
struct_or_union_specifier
  : struct_or_union attribute_list_opt '{' balanced '}'
  | struct_or_union attribute_list_opt any_ident '{' balanced '}'
  | struct_or_union attribute_list_opt any_ident
  ;

struct_or_union
  : STRUCT
  | UNION
  ;

enum_specifier
  : ENUM attribute_list_opt '{' balanced '}'
  | ENUM attribute_list_opt any_ident '{' balanced '}'
  | ENUM attribute_list_opt any_ident
  ;

/* One ND_VAR per declarator; its range runs from the declarator's first
 * token to the end of its initializer. */
init_declarator_list
  : init_declarator                       { $$ = list_of($1); }
  | init_declarator_list ',' init_declarator { $$ = list_add($1, $3); }
  | init_declarator_list ',' attribute_list init_declarator  /* GNU */
      { $$ = list_add($1, $4); }
  ;

init_declarator
  : declarator declarator_suffix          { $$ = new_var(@$, $1, NULL); }
  | declarator declarator_suffix '=' initializer { $$ = new_var(@$, $1, $4); }
  ;

/* After a declarator: asm labels, `register int r asm("eax")`, and
 * attributes. */
declarator_suffix
  : %empty
  | declarator_suffix ASM '(' strings ')'
  | declarator_suffix attribute_specifier
  ;

declarator
  : pointer direct_declarator             { $$ = $2; }
  | direct_declarator
  ;

direct_declarator
  : IDENT
      { $$ = (ParseDeclr){@1.off, @1.end - @1.off, {NULL, NULL}}; }
  | '(' declarator ')'                    { $$ = $2; }
  | direct_declarator '[' array_size ']'  { $$ = $1; $$.dims = list_add($1.dims, $3); }
  | direct_declarator '(' ')'
  | direct_declarator '(' parameter_type_list ')'
  ;

/* The bound of an array declarator, or NULL: [n], [], [*], [static n]... */
array_size
  : %empty                                { $$ = NULL; }
  | '*'                                   { $$ = NULL; }
  | assignment_expression
  | array_qualifiers                      { $$ = NULL; }
  | array_qualifiers '*'                  { $$ = NULL; }
  | array_qualifiers assignment_expression { $$ = $2; }
  ;

array_qualifiers
  : array_qualifier
  | array_qualifiers array_qualifier
  ;

array_qualifier
  : type_qualifier
  | STORAGE                               /* static */
  ;

pointer
  : '*'
  | '*' pointer_qualifiers
  | '*' pointer
  | '*' pointer_qualifiers pointer
  ;

pointer_qualifiers
  : pointer_qualifier
  | pointer_qualifiers pointer_qualifier
  ;

pointer_qualifier
  : type_qualifier
  | attribute_specifier
  ;

parameter_type_list
  : parameter_list
  | parameter_list ',' ELLIPSIS
  ;

parameter_list
  : parameter_declaration
  | parameter_list ',' parameter_declaration
  ;

parameter_declaration
  : declaration_specifiers declarator declarator_suffix
  | declaration_specifiers abstract_declarator
  | declaration_specifiers
  ;

/* A type name, as in casts and sizeof: recognised, kept as a range. */
type_name
  : specifier_qualifier_list
  | specifier_qualifier_list abstract_declarator
  ;

specifier_qualifier_list
  : specifier_qualifier
  | specifier_qualifier_list specifier_qualifier
  ;

specifier_qualifier
  : type_specifier
  | type_qualifier
  | alignment_specifier
  | attribute_specifier
  ;

abstract_declarator
  : pointer
  | direct_abstract_declarator
  | pointer direct_abstract_declarator
  ;

direct_abstract_declarator
  : '(' abstract_declarator ')'
  | '[' array_size ']'
  | '(' ')'
  | '(' parameter_type_list ')'
  | direct_abstract_declarator '[' array_size ']'
  | direct_abstract_declarator '(' ')'
  | direct_abstract_declarator '(' parameter_type_list ')'
  ;

/* ==== Initializers (C11 6.7.9) ==== */

initializer
  : assignment_expression
  | braced_init
  ;

braced_init
  : '{' '}'                               { $$ = new_node(ND_INIT_LIST, @$); }
  | '{' initializer_list '}'              { $$ = new_node(ND_INIT_LIST, @$); $$->body = $2.head; }
  | '{' initializer_list ',' '}'          { $$ = new_node(ND_INIT_LIST, @$); $$->body = $2.head; }
  ;

initializer_list
  : initializer_item                      { $$ = list_of($1); }
  | initializer_list ',' initializer_item { $$ = list_add($1, $3); }
  ;

/* `.a.b[2] = x`, GNU `[1 ... 3] = x` and obsolete `a: x`: ND_DESIGNATED,
 * rhs the initializer. */
initializer_item
  : initializer
  | designator_list '=' initializer       { $$ = new_node(ND_DESIGNATED, @$); $$->rhs = $3; }
  | any_ident ':' initializer             { $$ = new_node(ND_DESIGNATED, @$); $$->rhs = $3; }
  ;

designator_list
  : designator
  | designator_list designator
  ;

designator
  : '[' constant_expression ']'
  | '[' constant_expression ELLIPSIS constant_expression ']'
  | '.' any_ident
  ;

/* ==== GNU attributes and balanced token runs ==== */

attribute_specifier
  : ATTRIBUTE '(' balanced ')'
  | ATTR_MACRO
  | ATTR_MACRO_CALL '(' balanced ')'
  ;

attribute_list
  : attribute_specifier
  | attribute_list attribute_specifier
  ;

attribute_list_opt
  : %empty
  | attribute_list
  ;

/* Any tokens with (), [] and {} balanced. */
balanced
  : %empty
  | balanced balanced_token
  ;

balanced_token
  : '(' balanced ')'
  | '[' balanced ']'
  | '{' balanced '}'
  | plain_token
  ;

plain_token
  : IDENT | TYPE_NAME | TYPE_MACRO | ATTR_MACRO | ATTR_MACRO_CALL | NUM | STR | CHARCONST | ASYNC | AWAIT
  | TYPEDEF | STORAGE | TYPE_KW | QUALIFIER | ATOMIC | ATOMIC_SPEC | FUNC_SPEC
  | ALIGNAS | STRUCT | UNION | ENUM | TYPEOF | ATTRIBUTE | ASM
  | IF | ELSE | SWITCH | CASE | DEFAULT | WHILE | DO | FOR | GOTO | CONTINUE
  | BREAK | RETURN | SIZEOF | ALIGNOF | GENERIC | STATIC_ASSERT | EXTENSION
  | REAL | IMAG | LABEL | BUILTIN_VA_ARG | BUILTIN_OFFSETOF
  | BUILTIN_TYPES_COMPATIBLE_P
  | ARROW | INC | DEC | SHL | SHR | LE | GE | EQ | NE | ANDAND | OROR
  | ELLIPSIS | MUL_ASSIGN | DIV_ASSIGN | MOD_ASSIGN | ADD_ASSIGN | SUB_ASSIGN
  | SHL_ASSIGN | SHR_ASSIGN | AND_ASSIGN | XOR_ASSIGN | OR_ASSIGN | HASH
  | HASHHASH
  | ';' | ',' | ':' | '=' | '.' | '&' | '!' | '~' | '-' | '+' | '*' | '/'
  | '%' | '<' | '>' | '^' | '|' | '?'
  ;

%%

/* ==== The token adapter ==== */

typedef struct {
  const char *name;
  int token;
} Spelling;

// Keywords and GNU spellings, sorted by strcmp for bsearch.  C23 words
// (bool, alignof, static_assert...) are macros in gnu11 and reach us as
// identifiers that is_type_name may call types.
static const Spelling keywords[] = {
  {"_Alignas", T_ALIGNAS},
  {"_Alignof", T_ALIGNOF},
  {"_Atomic", T_ATOMIC},
  {"_Bool", T_TYPE_KW},
  {"_Complex", T_TYPE_KW},
  {"_Decimal128", T_TYPE_KW},
  {"_Decimal32", T_TYPE_KW},
  {"_Decimal64", T_TYPE_KW},
  {"_Float128", T_TYPE_KW},
  {"_Float128x", T_TYPE_KW},
  {"_Float16", T_TYPE_KW},
  {"_Float32", T_TYPE_KW},
  {"_Float32x", T_TYPE_KW},
  {"_Float64", T_TYPE_KW},
  {"_Float64x", T_TYPE_KW},
  {"_Generic", T_GENERIC},
  {"_Imaginary", T_TYPE_KW},
  {"_Nonnull", T_QUALIFIER},
  {"_Noreturn", T_FUNC_SPEC},
  {"_Null_unspecified", T_QUALIFIER},
  {"_Nullable", T_QUALIFIER},
  {"_Static_assert", T_STATIC_ASSERT},
  {"_Thread_local", T_STORAGE},
  {"__alignof", T_ALIGNOF},
  {"__alignof__", T_ALIGNOF},
  {"__asm", T_ASM},
  {"__asm__", T_ASM},
  {"__attribute", T_ATTRIBUTE},
  {"__attribute__", T_ATTRIBUTE},
  {"__auto_type", T_TYPE_KW},
  {"__bf16", T_TYPE_KW},
  {"__builtin_offsetof", T_BUILTIN_OFFSETOF},
  {"__builtin_types_compatible_p", T_BUILTIN_TYPES_COMPATIBLE_P},
  {"__builtin_va_arg", T_BUILTIN_VA_ARG},
  {"__builtin_va_list", T_TYPE_KW},
  {"__complex", T_TYPE_KW},
  {"__complex__", T_TYPE_KW},
  {"__const", T_QUALIFIER},
  {"__const__", T_QUALIFIER},
  {"__extension__", T_EXTENSION},
  {"__float128", T_TYPE_KW},
  {"__float80", T_TYPE_KW},
  {"__fp16", T_TYPE_KW},
  {"__imag", T_IMAG},
  {"__imag__", T_IMAG},
  {"__inline", T_FUNC_SPEC},
  {"__inline__", T_FUNC_SPEC},
  {"__int128", T_TYPE_KW},
  {"__int128_t", T_TYPE_KW},
  {"__label__", T_LABEL},
  {"__real", T_REAL},
  {"__real__", T_REAL},
  {"__restrict", T_QUALIFIER},
  {"__restrict__", T_QUALIFIER},
  {"__signed", T_TYPE_KW},
  {"__signed__", T_TYPE_KW},
  {"__thread", T_STORAGE},
  {"__typeof", T_TYPEOF},
  {"__typeof__", T_TYPEOF},
  {"__typeof_unqual__", T_TYPEOF},
  {"__uint128_t", T_TYPE_KW},
  {"__volatile", T_QUALIFIER},
  {"__volatile__", T_QUALIFIER},
  {"asm", T_ASM},
  {"auto", T_STORAGE},
  {"break", T_BREAK},
  {"case", T_CASE},
  {"char", T_TYPE_KW},
  {"const", T_QUALIFIER},
  {"continue", T_CONTINUE},
  {"default", T_DEFAULT},
  {"do", T_DO},
  {"double", T_TYPE_KW},
  {"else", T_ELSE},
  {"enum", T_ENUM},
  {"extern", T_STORAGE},
  {"float", T_TYPE_KW},
  {"for", T_FOR},
  {"goto", T_GOTO},
  {"if", T_IF},
  {"inline", T_FUNC_SPEC},
  {"int", T_TYPE_KW},
  {"long", T_TYPE_KW},
  {"register", T_STORAGE},
  {"restrict", T_QUALIFIER},
  {"return", T_RETURN},
  {"short", T_TYPE_KW},
  {"signed", T_TYPE_KW},
  {"sizeof", T_SIZEOF},
  {"static", T_STORAGE},
  {"struct", T_STRUCT},
  {"switch", T_SWITCH},
  {"typedef", T_TYPEDEF},
  {"typeof", T_TYPEOF},
  {"typeof_unqual", T_TYPEOF},
  {"union", T_UNION},
  {"unsigned", T_TYPE_KW},
  {"void", T_TYPE_KW},
  {"volatile", T_QUALIFIER},
  {"while", T_WHILE},
};

// Multi-character punctuators and digraphs.  A one-character punctuator is
// its own character code.
static const Spelling puncts[] = {
  {"->", T_ARROW}, {"++", T_INC}, {"--", T_DEC}, {"<<", T_SHL},
  {">>", T_SHR}, {"<=", T_LE}, {">=", T_GE}, {"==", T_EQ}, {"!=", T_NE},
  {"&&", T_ANDAND}, {"||", T_OROR}, {"...", T_ELLIPSIS},
  {"*=", T_MUL_ASSIGN}, {"/=", T_DIV_ASSIGN}, {"%=", T_MOD_ASSIGN},
  {"+=", T_ADD_ASSIGN}, {"-=", T_SUB_ASSIGN}, {"<<=", T_SHL_ASSIGN},
  {">>=", T_SHR_ASSIGN}, {"&=", T_AND_ASSIGN}, {"^=", T_XOR_ASSIGN},
  {"|=", T_OR_ASSIGN}, {"##", T_HASHHASH}, {"%:%:", T_HASHHASH},
  {"<:", '['}, {":>", ']'}, {"<%", '{'}, {"%>", '}'}, {"%:", T_HASH},
};

typedef struct {
  const char *s;
  int len;
} Text;

static int compare_keyword(const void *key, const void *elem) {
  const Text *t = key;
  const char *name = ((const Spelling *)elem)->name;
  int c = strncmp(t->s, name, t->len);
  if (c)
    return c;
  return name[t->len] ? -1 : 0;   // a prefix of name sorts first
}

static int keyword_token(const char *s, int len) {
  Text key = {s, len};
  const Spelling *k = bsearch(&key, keywords, sizeof keywords / sizeof *keywords,
                              sizeof *keywords, compare_keyword);
  return k ? k->token : 0;
}

static int punct_token(const char *s, int len) {
  if (len == 1)
    return s[0] == '#' ? T_HASH : (unsigned char)s[0];
  for (size_t i = 0; i < sizeof puncts / sizeof *puncts; i++)
    if ((int)strlen(puncts[i].name) == len && !memcmp(puncts[i].name, s, len))
      return puncts[i].token;
  return T_PP_UNDEF;
}

// The next token the grammar sees, or -1 past the body's last token.
static int next_visible(Parser *ps, int i) {
  for (; i <= ps->in->last; i++) {
    const Token *t = &ps->in->tl->toks[i];
    if (t->kind != TK_HASH_LINE && !(t->flags & TF_SKIPPED))
      return i;
  }
  return -1;
}

// The previous token the grammar sees, or -1 before the body's first.
static int prev_visible(Parser *ps, int i) {
  for (; i >= ps->in->first; i--) {
    const Token *t = &ps->in->tl->toks[i];
    if (t->kind != TK_HASH_LINE && !(t->flags & TF_SKIPPED))
      return i;
  }
  return -1;
}

// An identifier next to a string literal can only be a macro that
// expands to one, as in "%" PRIu64 "\n": it joins the literal.
static bool is_string_macro(Parser *ps, int i) {
  int p = prev_visible(ps, i - 1), n = next_visible(ps, i + 1);
  const Token *toks = ps->in->tl->toks;
  return (p >= 0 && toks[p].kind == TK_STR) || (n >= 0 && toks[n].kind == TK_STR);
}

static bool is_text(const Source *src, const Token *t, const char *s) {
  return t->len == (int)strlen(s) && !memcmp(src->text + t->off, s, t->len);
}

static bool is_lparen(const Source *src, const Token *t) {
  return t->kind == TK_PUNCT && t->len == 1 && src->text[t->off] == '(';
}

// The index of the `)` that closes the `(` at i, or -1.
static int close_paren(Parser *ps, int i) {
  const Source *src = ps->in->src;
  const Token *toks = ps->in->tl->toks;
  for (int depth = 0; i >= 0; i = next_visible(ps, i + 1)) {
    depth += is_lparen(src, &toks[i]);
    depth -= is_text(src, &toks[i], ")");
    if (depth == 0)
      return i;
  }
  return -1;
}

// A type name followed by `( ... )` and then an identifier, a keyword or
// `*` is a function-like macro that expands to a type, `VEC(int) v;`.
// After a typedef name, `( ... )` is a declarator, `T (x);`, and what
// follows it is ; , = [ ( ) or an attribute.
static bool is_type_macro_call(Parser *ps, int i) {
  const Source *src = ps->in->src;
  const Token *toks = ps->in->tl->toks;
  int j = next_visible(ps, i + 1);
  if (j < 0 || !is_lparen(src, &toks[j]) || (j = close_paren(ps, j)) < 0)
    return false;
  // libclang saw a macro invocation here (facts.c): a type macro for sure,
  // whatever follows, as in `ac_future(int) (*fp)(void)`.
  if (toks[i].flags & TF_MACRO)
    return true;
  int k = next_visible(ps, j + 1);
  if (k < 0)
    return false;
  if (toks[k].kind == TK_IDENT || toks[k].kind == TK_KEYWORD) {
    int kw = keyword_token(src->text + toks[k].off, toks[k].len);
    return kw != T_ATTRIBUTE && kw != T_ASM;
  }
  return is_text(src, &toks[k], "*");
}

// The standard macros offsetof(T, m) and va_arg(ap, T) take a type: they
// are read as the builtins they expand to.
static int builtin_macro(Parser *ps, int i) {
  const Source *src = ps->in->src;
  const Token *t = &ps->in->tl->toks[i];
  int j = next_visible(ps, i + 1);
  if (j < 0 || !is_lparen(src, &ps->in->tl->toks[j]))
    return 0;
  if (is_text(src, t, "offsetof"))
    return T_BUILTIN_OFFSETOF;
  if (is_text(src, t, "va_arg"))
    return T_BUILTIN_VA_ARG;
  return 0;
}

static int token_code(Parser *ps, int i) {
  const Token *t = &ps->in->tl->toks[i];
  const char *s = ps->in->src->text + t->off;
  switch (t->kind) {
  case TK_IDENT:
  case TK_KEYWORD: {
    int k = keyword_token(s, t->len);
    if (k == T_ATOMIC) {
      int j = next_visible(ps, i + 1);
      if (j >= 0 && is_lparen(ps->in->src, &ps->in->tl->toks[j]))
        return T_ATOMIC_SPEC;
    }
    if (k || (k = builtin_macro(ps, i)))
      return k;
    if (ps->in->is_type_name && ps->in->is_type_name(ps->in->ctx, t))
      return is_type_macro_call(ps, i) ? T_TYPE_MACRO : T_TYPE_NAME;
    int attr = ps->in->is_attr_macro ? ps->in->is_attr_macro(ps->in->ctx, t) : 0;
    if (attr)
      return attr == 2 ? T_ATTR_MACRO_CALL : T_ATTR_MACRO;
    if (is_string_macro(ps, i))
      return T_STR;
    return T_IDENT;
  }
  case TK_ASYNC: return T_ASYNC;
  case TK_AWAIT: return T_AWAIT;
  case TK_PUNCT: return punct_token(s, t->len);
  case TK_NUM: return T_NUM;
  case TK_STR: return T_STR;
  case TK_CHAR: return T_CHARCONST;
  case TK_HASH_LINE:
  case TK_EOF: break;
  }
  return T_YYEOF;
}

// The token after the operator `_Pragma ( ... )` that starts at i, or i
// if there is none there.  The grammar never sees the operator: it may
// stand anywhere, like a directive.
static int skip_pragma(Parser *ps, int i) {
  const Source *src = ps->in->src;
  const Token *toks = ps->in->tl->toks;
  if (!is_text(src, &toks[i], "_Pragma"))
    return i;
  int j = next_visible(ps, i + 1);
  if (j < 0 || !is_lparen(src, &toks[j]))
    return i;
  int close = close_paren(ps, j);
  return close < 0 ? i : close + 1;   // unbalanced: the grammar reports it
}

// The token after a macro that expands to nothing at i, or i: the grammar
// never sees it either.
static int skip_empty_macro(Parser *ps, int i) {
  const Token *t = &ps->in->tl->toks[i];
  if (t->kind != TK_IDENT || !ps->in->is_attr_macro || ps->in->is_attr_macro(ps->in->ctx, t) != 3)
    return i;
  return i + 1;
}

static int yylex(PP_STYPE *lval, ParseSpan *loc, Parser *ps) {
  (void)lval;
  int i = next_visible(ps, ps->pos);
  for (int j; i >= 0 && ((j = skip_pragma(ps, i)) != i || (j = skip_empty_macro(ps, i)) != i);)
    i = next_visible(ps, j);
  if (i < 0) {
    const Token *last = &ps->in->tl->toks[ps->in->last];
    *loc = (ParseSpan){last->off + last->len, last->off + last->len};
    return T_YYEOF;
  }
  const Token *t = &ps->in->tl->toks[i];
  ps->pos = i + 1;
  *loc = (ParseSpan){t->off, t->off + t->len};
  return token_code(ps, i);
}

/* ==== Diagnostics ==== */

// Only "memory exhausted" comes here (syntax errors go through
// yyreport_syntax_error): the stack reached YYMAXDEPTH.
static void yyerror(ParseSpan *loc, Parser *ps, const char *msg) {
  (void)ps;
  (void)msg;
  diag_error(loc->off, "nesting too deep");
}

// A grammar symbol as a message shows it: 'while', ';', identifier.
static const char *symbol_text(yysymbol_kind_t sym) {
  const char *name = yysymbol_name(sym);
  if (name[0] == '\'')
    return name;          // a character token, already quoted
  int len = strlen(name);
  if (keyword_token(name, len) || punct_token(name, len) != T_PP_UNDEF ||
      !strcmp(name, "await") || !strcmp(name, "async"))
    return arena_printf("'%s'", name);
  return name;
}

static bool expects(yysymbol_kind_t *v, int n, yysymbol_kind_t sym) {
  for (int i = 0; i < n; i++)
    if (v[i] == sym)
      return true;
  return false;
}

// What the parser wanted, in words: "statement", "expression", a closing
// token, or a short list of tokens; NULL when nothing short fits.
static const char *expected_text(const yypcontext_t *ctx) {
  yysymbol_kind_t v[YYNTOKENS];
  int n = yypcontext_expected_tokens(ctx, v, YYNTOKENS);
  if (n <= 0)
    return NULL;
  if (expects(v, n, YYSYMBOL_IF))
    return "statement";
  if (expects(v, n, YYSYMBOL_NUM) && expects(v, n, YYSYMBOL_IDENT))
    return "expression";
  // A closer that would do is the one thing worth saying, as gcc does:
  // "expected ';'" rather than "expected ',' or ';'".
  for (const char *c = ")]};:"; *c; c++) {
    int tok = (unsigned char)*c;
    if (expects(v, n, YYTRANSLATE(tok)))
      return symbol_text(YYTRANSLATE(tok));
  }
  if (n > 4)
    return NULL;
  if (expects(v, n, YYSYMBOL_IDENT)) {   // a type name is an identifier too
    int m = 0;
    for (int i = 0; i < n; i++)
      if (v[i] != YYSYMBOL_TYPE_NAME)
        v[m++] = v[i];
    n = m;
  }
  char *s = "";
  for (int i = 0; i < n; i++)
    s = arena_printf("%s%s%s", s, i == 0 ? "" : i == n - 1 ? " or " : ", ",
                     symbol_text(v[i]));
  return s;
}

// "expected ';' before 'x'" at the offending token.
static int yyreport_syntax_error(const yypcontext_t *ctx, Parser *ps) {
  const ParseSpan *loc = yypcontext_location(ctx);
  const char *want = expected_text(ctx);
  const char *at;
  if (yypcontext_token(ctx) == YYSYMBOL_YYEOF) {
    at = "end of body";
  } else {
    int len = loc->end - loc->off;
    at = arena_printf("'%.*s%s'", len > 32 ? 32 : len,
                      ps->in->src->text + loc->off, len > 32 ? "..." : "");
  }
  if (want)
    diag_error(loc->off, "expected %s before %s", want, at);
  else
    diag_error(loc->off, "unexpected %s", at);
  return 0;
}

/* ==== Entry points ==== */

Node *parse_body(ParseInput *in) {
  Parser ps = {.in = in, .pos = in->first};
  if (pp_parse(&ps) != 0)
    return NULL;
  return ps.result;
}

static const char *const kind_names[] = {
  [ND_BLOCK] = "block", [ND_DECL] = "decl", [ND_VAR] = "var",
  [ND_TYPEDEF] = "typedef", [ND_EXPR_STMT] = "expr_stmt",
  [ND_NULL_STMT] = "null_stmt", [ND_IF] = "if", [ND_WHILE] = "while",
  [ND_DO] = "do", [ND_FOR] = "for", [ND_SWITCH] = "switch",
  [ND_CASE] = "case", [ND_DEFAULT] = "default", [ND_LABEL] = "label",
  [ND_GOTO] = "goto", [ND_BREAK] = "break", [ND_CONTINUE] = "continue",
  [ND_RETURN] = "return", [ND_ASM] = "asm",
  [ND_STATIC_ASSERT] = "static_assert", [ND_IDENT] = "ident",
  [ND_LITERAL] = "literal", [ND_AWAIT] = "await", [ND_UNARY] = "unary",
  [ND_POSTFIX] = "postfix", [ND_BINARY] = "binary", [ND_ASSIGN] = "assign",
  [ND_COND] = "cond", [ND_COMMA] = "comma", [ND_CALL] = "call",
  [ND_INDEX] = "index", [ND_MEMBER] = "member", [ND_CAST] = "cast",
  [ND_SIZEOF] = "sizeof", [ND_ALIGNOF] = "alignof",
  [ND_COMPOUND_LIT] = "compound_lit", [ND_INIT_LIST] = "init_list",
  [ND_DESIGNATED] = "designated", [ND_STMT_EXPR] = "stmt_expr",
  [ND_GENERIC] = "generic", [ND_BUILTIN] = "builtin",
  [ND_LABEL_ADDR] = "label_addr",
};

static bool has_op(NodeKind k) {
  return k == ND_UNARY || k == ND_BINARY || k == ND_ASSIGN ||
         k == ND_POSTFIX || k == ND_MEMBER;
}

static void dump_node(FILE *out, const Source *src, const Node *n,
                      const char *role, int depth);

static void dump_list(FILE *out, const Source *src, const Node *n,
                      const char *role, int depth) {
  for (; n; n = n->next)
    dump_node(out, src, n, role, depth);
}

// One line: [role: ]kind ['op'] [name] [type 'T'] [text] [off,end)
static void dump_node(FILE *out, const Source *src, const Node *n,
                      const char *role, int depth) {
  fprintf(out, "%*s%s%s%s", depth * 2, "", role ? role : "", role ? ": " : "",
          kind_names[n->kind]);
  if (has_op(n->kind))
    fprintf(out, " '%.*s'", n->oplen, src->text + n->op);
  if (n->name_off >= 0)
    fprintf(out, " %.*s", n->name_len, src->text + n->name_off);
  if (n->type_off >= 0)
    fprintf(out, " type '%.*s'", n->type_end - n->type_off,
            src->text + n->type_off);
  if (n->kind == ND_LITERAL)
    fprintf(out, " %.*s", n->end - n->off, src->text + n->off);
  fprintf(out, " [%d,%d)\n", n->off, n->end);

  depth++;
  if (n->kind == ND_DO) {
    dump_node(out, src, n->body, "body", depth);
    dump_node(out, src, n->cond, "cond", depth);
    return;
  }
  const struct { const Node *child; const char *role; } kids[] = {
    {n->init, "init"}, {n->cond, "cond"}, {n->then, "then"},
    {n->els, "else"}, {n->lhs, "lhs"}, {n->rhs, "rhs"}, {n->inc, "inc"},
  };
  for (size_t i = 0; i < sizeof kids / sizeof *kids; i++)
    if (kids[i].child)
      dump_node(out, src, kids[i].child, kids[i].role, depth);
  dump_list(out, src, n->args, n->kind == ND_VAR ? "dim" : "arg", depth);
  dump_list(out, src, n->body, NULL, depth);
}

void parse_dump(const Source *src, const Node *node, char **buf, size_t *len) {
  FILE *out = open_memstream(buf, len);
  if (!out)
    diag_die("open_memstream: out of memory");
  if (node)
    dump_node(out, src, node, NULL, 0);
  fclose(out);
}
