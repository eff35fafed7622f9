/* Regression test (found by a hostile tester): asyncc.h's prototypes and
 * inline functions named their parameters and locals with plain words
 * (n, size, t, fr, ...), so a user's macro of such a name, defined before
 * the include, broke the header; a local named ac_task hid the type the
 * generated code names inside the function; and the generated code used
 * NULL, which a program may #undef.  The header's prototypes have no
 * parameter names now, its inline functions' names begin with ac__, the
 * members of its synchronisation types are ac__ names too, and the
 * generated code writes 0. */
#define n 1 +
#define size }
#define t (
#define fr )
#define f ,
#define p *
#define v [
#define x ]
#define c ;
#define m -
#define l {
#define e 2
#define self 3
#define slot 11
#define first 12
#define fsize 13
#define falign 16
#define ch 4
#define fd 5
#define buf 6
#define len 7
#define ms 8
#define cfg 9
#define mem 10
#define offset 14
#define embedded 15
#define held 17
#define s 19
#define q 20
#define set 21
#define state 22
#define lock 23
#define head 24
#define tail 25
#define free_ 18
#include <asyncc.h>
#include <stdio.h>
#undef NULL
#undef n
#undef size
#undef t
#undef fr
#undef f
#undef p
#undef v
#undef x
#undef c
#undef m
#undef l
static async int id(int k) { await ac_yield(); return k; }
static async int twice(int k) {
    int ac_task = k;
    int r = await id(ac_task);
    return r + await id(ac_task);
}
async int main(void) {
    ac_mutex mu = AC_MUTEX_INIT;
    await ac_lock(&mu, 0);
    int r = await twice(20);
    ac_unlock(&mu);
    ac_sem sem = AC_SEM_INIT(1);
    await ac_sem_acquire(&sem, 0);
    ac_sem_release(&sem);
    ac_event ev = AC_EVENT_INIT;
    ac_event_set(&ev);
    await ac_event_wait(&ev, 0);
    printf("%d %d\n", r + 2, s + q + set + state + lock + head + tail + self + e + ch +
           slot + first + fsize + falign + fd + buf + len + ms + cfg + mem);
    return 0;
}
