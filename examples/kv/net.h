/* net.h: the line protocol over TCP, server and client side.
 *   ADD key n   ->  OK <new value>
 *   GET key     ->  VALUE <value> | NONE
 *   anything else -> ERR */
#ifndef KV_NET_H
#define KV_NET_H
#include <asyncc.h>
#include <netinet/in.h>

#define KV_LINE_MAX 128

/* async int kv_serve(int listen_fd, int nconns): accepts nconns
 * connections and serves each in a task of its own; 0 once all are done,
 * or -errno if accept failed. */
ac_future(int) kv_serve(int listen_fd, int nconns);
/* async long kv_client(const struct sockaddr_in *server, int id, int rounds):
 * connects, adds 1..rounds to "total" and id to "client-<id>", and returns
 * the value a final GET of "client-<id>" reads back, or -errno. */
ac_future(long) kv_client(const struct sockaddr_in *server, int id, int rounds);
/* async ssize_t kv_read_line(int fd, char *line, size_t cap, char *buf,
 * size_t *have): the next '\n'-terminated line (without it) into line;
 * its length, 0 at end of stream, or -errno.  buf (KV_LINE_MAX bytes) and
 * *have keep what was read past the line. */
ac_future(ssize_t) kv_read_line(int fd, char *line, size_t cap, char *buf, size_t *have);
#endif
