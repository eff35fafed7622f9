/* Regression test (found by a hostile tester): the tool's own parse saw
 * each async function under another name (NAME__acbody), so `sizeof
 * __func__` differed there: a static assertion on it failed, and an array
 * sized by it, living across an await, got a frame field of the other
 * size.  __func__, __FUNCTION__ and __PRETTY_FUNCTION__ have the
 * function's name in the tool's parse too. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
static async int id(int v) { await ac_yield(); return v; }
static async int worker(int a) {
    _Static_assert(sizeof __func__ == 7, "size of __func__");
    _Static_assert(sizeof __FUNCTION__ == 7 && sizeof __PRETTY_FUNCTION__ == 7, "GNU names");
    char name[sizeof __func__];
    memcpy(name, __func__, sizeof name);
    int k = await id(a);
    printf("%s %zu\n", name, sizeof name);
    return k + 6;
}
async int main(void) {
    _Static_assert(sizeof __func__ == 5, "async main is main");
    printf("%d %s\n", await worker(1), __func__);
    return 0;
}
