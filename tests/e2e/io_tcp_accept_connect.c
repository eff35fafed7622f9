/* ac_accept and ac_connect on a loopback TCP listener: the server task
 * awaits accept before any client exists, the client connects, sends a
 * line and reads the echo; a connect to a closed port fails with a
 * negative errno value instead of hanging. */
#define _DEFAULT_SOURCE
#include <asyncc.h>
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static async int server(int lfd) {
    int c = await ac_accept(lfd, NULL);
    if (c < 0)
        return c;
    char buf[64];
    ssize_t n = await ac_recv(c, buf, sizeof buf, 0, NULL);
    if (n > 0)
        n = await ac_write_all(c, buf, (size_t)n, NULL);
    ac_io_forget(c);
    close(c);
    return (int)n;
}

static async int client(const struct sockaddr_in *addr, char *out) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    ac_set_nonblocking(fd);
    int rc = await ac_connect(fd, (const struct sockaddr *)addr, sizeof *addr, NULL);
    if (rc != 0) {
        close(fd);
        return rc;
    }
    static const char msg[] = "ping over tcp";
    await ac_send(fd, msg, sizeof msg, 0, NULL);
    size_t got = 0;
    while (got < sizeof msg) {
        ssize_t n = await ac_recv(fd, out + got, 64 - got, 0, NULL);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    ac_io_forget(fd);
    close(fd);
    return (int)got;
}

static int listen_loopback(struct sockaddr_in *addr) {   /* plain C */
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof *addr;
    if (bind(lfd, (struct sockaddr *)addr, sizeof *addr) != 0 || listen(lfd, 4) != 0 ||
        getsockname(lfd, (struct sockaddr *)addr, &len) != 0)
        return -1;
    return lfd;
}

static async int run(void) {
    struct sockaddr_in addr;
    int lfd = listen_loopback(&addr);
    if (lfd < 0) {
        printf("no loopback\n");
        return 1;
    }
    ac_set_nonblocking(lfd);
    ac_future(int) s = server(lfd);
    char echo[64] = "";
    int got = await client(&addr, echo);
    int served = await s;
    printf("served %d got %d echo \"%s\"\n", served, got, echo);
    ac_io_forget(lfd);
    close(lfd);
    int refused = await client(&addr, echo);   /* nobody listens now */
    printf("refused negative %d\n", refused < 0);
    return 0;
}

int main(void) {
    ac_wait(run());
    return ac_shutdown(1000) != 0;
}
