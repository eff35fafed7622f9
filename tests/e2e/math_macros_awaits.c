/* awaits as arguments of <math.h> classification macros (isnan, isinf,
 * isfinite, signbit, fpclassify, isnormal, isgreater) and math functions
 * (fabs, floor, pow, fmax): each argument is evaluated exactly once, on
 * values produced after real suspensions. */
#include <asyncc.h>
#include <math.h>
#include <stdio.h>

static int calls;

static async double dv(double d) {
    calls++;
    await ac_yield();
    return d;
}

static async int run(void) {
    double inf = HUGE_VAL;
    double nan_ = 0.0 * inf;
    printf("isnan %d %d\n", isnan(await dv(nan_)) != 0, isnan(await dv(1.0)) != 0);
    printf("isinf %d %d\n", isinf(await dv(-inf)) != 0, isinf(await dv(1e308)) != 0);
    printf("isfinite %d signbit %d %d\n", isfinite(await dv(2.5)) != 0,
           signbit(await dv(-0.0)) != 0, signbit(await dv(3.0)) != 0);
    printf("fpclassify %d %d %d\n", fpclassify(await dv(0.0)) == FP_ZERO,
           fpclassify(await dv(1.0)) == FP_NORMAL, fpclassify(await dv(inf)) == FP_INFINITE);
    printf("isnormal %d isgreater %d\n", isnormal(await dv(1e-310)) != 0,
           isgreater(await dv(2.0), await dv(1.0)) != 0);
    printf("fabs %.1f floor %.1f pow %.1f fmax %.1f\n", fabs(await dv(-4.5)),
           floor(await dv(2.7)), pow(await dv(2.0), await dv(10.0)),
           fmax(await dv(1.0), await dv(3.0)));
    return calls;
}

int main(void) {
    printf("calls %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
