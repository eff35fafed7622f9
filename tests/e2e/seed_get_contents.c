/* Toub's GetContentsAsync: once the contents are cached, the call
 * completes synchronously and allocates nothing (C#'s m_lastTask cache is
 * unnecessary: a completed future is a value). */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>

static char cached[64];
static bool have_cache;

static async const char *get_contents(void) {
    if (have_cache)
        return cached;
    await ac_delay(2);            /* the first call "reads the file" */
    strcpy(cached, "file contents");
    have_cache = true;
    return cached;
}

int main(void) {
    printf("first: %s\n", ac_wait(get_contents()));
    ac_stats before, after;
    ac_stats_get(&before);
    size_t total = 0;
    for (int i = 0; i < 10000; i++)
        total += strlen(ac_wait(get_contents()));
    ac_stats_get(&after);
    printf("cached: %zu bytes, %llu allocations\n", total,
           (unsigned long long)(after.allocated - before.allocated));
    return ac_shutdown(1000) != 0;
}
