/* one expression with 100 awaits (each suspending), all spilled partial
 * results kept exactly; an expression nesting awaits 20 deep; and awaits
 * mixed with calls through explicitly dereferenced pointers to async
 * functions ((*fp)(x), (**fp)(x)). */
#include <asyncc.h>
#include <stdio.h>

static int calls;

static async int val(int v) {
    calls++;
    await ac_yield();
    return v;
}

static async int inc(int v) {
    await ac_yield();
    return v + 1;
}

static async int run(void) {
    int s = await val(0) + await val(1) + await val(2) + await val(3) + await val(4) +
        await val(5) + await val(6) + await val(7) + await val(8) + await val(9) +
        await val(10) + await val(11) + await val(12) + await val(13) + await val(14) +
        await val(15) + await val(16) + await val(17) + await val(18) + await val(19) +
        await val(20) + await val(21) + await val(22) + await val(23) + await val(24) +
        await val(25) + await val(26) + await val(27) + await val(28) + await val(29) +
        await val(30) + await val(31) + await val(32) + await val(33) + await val(34) +
        await val(35) + await val(36) + await val(37) + await val(38) + await val(39) +
        await val(40) + await val(41) + await val(42) + await val(43) + await val(44) +
        await val(45) + await val(46) + await val(47) + await val(48) + await val(49) +
        await val(50) + await val(51) + await val(52) + await val(53) + await val(54) +
        await val(55) + await val(56) + await val(57) + await val(58) + await val(59) +
        await val(60) + await val(61) + await val(62) + await val(63) + await val(64) +
        await val(65) + await val(66) + await val(67) + await val(68) + await val(69) +
        await val(70) + await val(71) + await val(72) + await val(73) + await val(74) +
        await val(75) + await val(76) + await val(77) + await val(78) + await val(79) +
        await val(80) + await val(81) + await val(82) + await val(83) + await val(84) +
        await val(85) + await val(86) + await val(87) + await val(88) + await val(89) +
        await val(90) + await val(91) + await val(92) + await val(93) + await val(94) +
        await val(95) + await val(96) + await val(97) + await val(98) + await val(99);
    printf("sum %d calls %d\n", s, calls);
    int deep = await inc(await inc(await inc(await inc(await inc(await inc(await inc(
        await inc(await inc(await inc(await inc(await inc(await inc(await inc(await inc(
        await inc(await inc(await inc(await inc(await inc(0))))))))))))))))))));
    printf("deep %d\n", deep);
    ac_future(int) (*fp)(int) = inc;
    long mixed = (long)await (*fp)(1) * await (**fp)(2) - await val(3) * (await fp(4) % 4);
    printf("mixed %ld\n", mixed);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
