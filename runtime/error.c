/* error.c - fatal reports and the text of negative errno values. */
#include "internal.h"

#include <stdarg.h>
#include <string.h>

void ac__panic(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("asyncc: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}

/* The runtime defines no error codes of its own: every error is -errno,
 * so the text is the C library's, taken thread-safely. */
const char *ac_strerror(long err)
{
    if (err == 0)
        return "success";
    if (err > 0 || err < -4095)
        return "not an error code";
    const char *s = strerrordesc_np((int)-err);
    return s ? s : "unknown error";
}
