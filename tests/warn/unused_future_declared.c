/* -Wunused-future in plain functions whose futures come from names that
 * only libclang can tell give one: a prototype, a struct's function
 * pointer, a typedef of one.  compiler/hollow.c hollows the plain bodies
 * in libclang's view of the file, keeps those that name an async function
 * or an ac_ name, and after the parse keeps these too (a second parse). */
#include <asyncc.h>

ac_future(int) fetch(int fd);            /* defined in another file */
typedef ac_future(int) (*getter)(void);
struct ops { ac_future(int) (*start)(int); };

static async int one(void) { return 1; }

static int twice(int x) { return 2 * x; }   /* hollowed: nothing to check */

void by_prototype(void) {
    fetch(1);
    twice(2);
}

void by_field(struct ops *o) {
    o->start(2);
}

void by_typedef(getter g) {
    g();
}

int main(void) { return ac_wait(one()) - 1; }
