/* Arrays and structs as locals across awaits, including an anonymous
 * struct type and an array of structs. */
#include <asyncc.h>
#include <stdio.h>

struct point { int x, y; };

static async int val(int v) {
    await ac_yield();
    return v;
}

static async int shapes(void) {
    int arr[4] = {1, 2, 3, 4};
    struct point p = {.x = 5, .y = 6};
    struct point pts[2] = {{1, 1}, {2, 2}};
    char name[8] = "abc";
    await val(0);
    arr[0] += await val(10);
    p.y = await val(60);
    pts[1].x += await val(3);
    name[1] = 'X';
    printf("%d %d %d %d | %d %d | %d %d | %s\n", arr[0], arr[1], arr[2], arr[3],
           p.x, p.y, pts[0].x, pts[1].x, name);
    return arr[0] + p.y;
}

int main(void) {
    printf("result %d\n", ac_wait(shapes()));
    return ac_shutdown(1000) != 0;
}
