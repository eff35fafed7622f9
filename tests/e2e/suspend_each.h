/* suspend_each.h - for e2e programs that check a ramp at each of its
 * suspension points: their awaited helper suspends for real only at the
 * await numbered stop_at (counting with seen), and run_each runs a
 * computation once with no real suspension and once per await, and says
 * whether the results agree.  (Plain C: async functions are lowered in the
 * main file only.) */
#ifndef SUSPEND_EACH_H
#define SUSPEND_EACH_H

#include <stdio.h>

static int stop_at, seen;

static long run_each(const char *name, int awaits, long (*call)(void))
{
    long first = 0;
    int ok = 1;
    for (int s = 0; s <= awaits; s++) {
        stop_at = s;
        seen = 0;
        long r = call();
        if (s == 0)
            first = r;
        else if (r != first)
            ok = 0, printf("%s: suspending at await %d gave %ld, not %ld\n", name, s, r, first);
    }
    printf("%s %ld %s\n", name, first, ok ? "same at every suspension" : "DIFFERS");
    return first;
}

#endif
