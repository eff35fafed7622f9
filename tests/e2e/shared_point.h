/* A header shared by dialect files, generated C and plain C: futures of a
 * struct type declared once, async functions declared as what plain C sees
 * (future_struct_in_header.c). */
#ifndef SHARED_POINT_H
#define SHARED_POINT_H
#include <asyncc.h>

typedef struct point { int x, y; } point;
AC_FUTURE_DECLARE(point, point)

typedef enum color { RED, GREEN } color;
AC_FUTURE_DECLARE(color, color)

ac_future(point) locate(int id);
ac_future(color) paint(int id);
ac_future(unsigned) count_calls(void);
ac_future(void) reset_calls(void);
#endif
