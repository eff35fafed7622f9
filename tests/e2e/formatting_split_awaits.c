/* unusual formatting around awaits: await and its operand on different
 * lines, comments between await and the call, a call's arguments spread
 * over lines, tabs, no spaces at all, an await right after a cast
 * without a space, and a statement spanning many lines with several
 * awaits. */
#include <asyncc.h>
#include <stdio.h>

static async int val(int v) {
	await ac_yield();
	return v;
}

static async int add(int a,
                     int b) {
    await
        ac_yield();
    return a
         + b;
}

static async int run(void) {
    int a = await
            val(1);
    int b = await /* comment */ val(
        2
    );
    int c=await val(3)+await(val(4));
    int d = (int)await(val(5));
	int	e	=	await	val	(	6	)	;
    int f =
        await
        add(
            await val(7),
            await
            val(8)
        )
        *
        await val(2)
    ;
    int g = await/**/val(9);
    printf("%d %d %d %d %d %d %d\n", a, b, c, d, e, f, g);
    return a + b + c + d + e + f + g;
}

int main(void) {
    printf("sum %d\n", ac_wait(run()));
    return ac_shutdown(1000) != 0;
}
