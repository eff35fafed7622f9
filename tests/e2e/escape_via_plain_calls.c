/* addresses of locals that escape into plain code before an await (kept
 * in a global by a plain function, taken of an element of an array of
 * structs, formed by pointer arithmetic) still designate the same
 * objects after several suspensions: writes through the escaped
 * pointers are seen through the locals' names and vice versa. */
#include <asyncc.h>
#include <stdio.h>

struct pt { int x, y; };

static int *kept_int;
static struct pt *kept_pt;

static void keep_int(int *p) { kept_int = p; }
static void keep_pt(struct pt *p) { kept_pt = p; }

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int run(void) {
    int counter = 0;
    struct pt pts[3] = {{1, 2}, {3, 4}, {5, 6}};
    int arr[5] = {0, 0, 0, 0, 0};
    keep_int(&counter);
    keep_pt(&pts[2]);
    int *elem = &pts[1].y;
    int *mid = arr + 2;
    for (int i = 0; i < 3; i++) {
        *kept_int += await val(i + 1);
        kept_pt->x += await val(10);
        *elem *= await val(2);
        mid[i - 1] = await val(i * 7);
    }
    counter *= 10;
    await ac_yield();
    printf("counter %d via kept %d\n", counter, *kept_int);
    printf("pts %d %d %d %d same %d\n", pts[2].x, pts[2].y, pts[1].x, pts[1].y,
           kept_pt == &pts[2]);
    printf("arr %d %d %d %d %d\n", arr[0], arr[1], arr[2], arr[3], arr[4]);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
