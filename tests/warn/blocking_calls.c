/* Blocking calls inside an async function stall a pool worker. */
#include <asyncc.h>
#include <pthread.h>
#include <unistd.h>

async int child(void);

async int parent(pthread_t th) {
    sleep(1);
    usleep(1000);
    int v = ac_wait(child());
    pthread_join(th, NULL);
    return v;
}
