/* character arrays live across awaits: sized from a string literal,
 * larger than their literal (the rest zero), wide strings, an array of
 * string pointers, and a buffer built up with snprintf across awaits. */
#include <asyncc.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    char exact[] = "async";
    char roomy[16] = "ab";
    wchar_t wide[] = L"wide";
    const char *words[] = {"alpha", "beta", "gamma"};
    char out[64] = "";
    await ac_yield();
    exact[0] = (char)('A' + await val(0));
    roomy[2] = (char)await val('c');
    roomy[3] = (char)await val('d');
    wide[0] = (wchar_t)await val('W');
    size_t used = 0;
    for (int i = 0; i < 3; i++) {
        int n = snprintf(out + used, sizeof out - used, "%s%s", i ? "," : "",
                         words[await val(2 - i)]);
        used += (size_t)n;
    }
    printf("exact %s %zu\n", exact, sizeof exact);
    printf("roomy %s %zu zero %d\n", roomy, sizeof roomy, roomy[15]);
    printf("wide %lc%lc %zu\n", (wint_t)wide[0], (wint_t)wide[3], sizeof wide / sizeof wide[0]);
    printf("out %s %zu %zu\n", out, used, strlen(out));
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
