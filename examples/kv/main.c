/* main.c: plain C.  Starts the server on a loopback port, runs the clients
 * concurrently, then reads the store directly through its async API. */
#include "net.h"
#include "store.h"
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define CLIENTS 8
#define ROUNDS 25

static int listen_loopback(struct sockaddr_in *addr) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    socklen_t len = sizeof *addr;
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd < 0 || bind(fd, (struct sockaddr *)addr, sizeof *addr) < 0 ||
        listen(fd, CLIENTS) < 0 || getsockname(fd, (struct sockaddr *)addr, &len) < 0) {
        perror("kv: listen");
        return -1;
    }
    return fd;
}

int main(void) {
    struct sockaddr_in addr;
    int lfd = listen_loopback(&addr);
    if (lfd < 0)
        return 1;
    ac_future(int) server = kv_serve(lfd, CLIENTS);
    ac_future(long) clients[CLIENTS];
    for (int i = 0; i < CLIENTS; i++)
        clients[i] = kv_client(&addr, i + 1, ROUNDS);
    ac_wait(ac_when_all(clients, CLIENTS));
    int bad = ac_wait(server) != 0;
    for (int i = 0; i < CLIENTS; i++) {
        printf("client %d read back %ld\n", i + 1, clients[i].value);
        bad |= clients[i].value != i + 1;
    }
    kv_entry total = ac_wait(kv_get("total"));
    printf("%s = %ld over %d keys\n", total.key, total.value, kv_size());
    bad |= total.value != CLIENTS * ROUNDS * (ROUNDS + 1) / 2;
    ac_io_forget(lfd);
    close(lfd);
    return (ac_shutdown(1000) != 0) | bad;
}
