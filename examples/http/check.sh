#!/usr/bin/env bash
# examples/http/check.sh [SERVER] - builds (unless given) and starts the
# example server on a free loopback port, sends it good, pipelined and
# malformed requests over bash's /dev/tcp, and checks each status line.
set -euo pipefail
cd "$(dirname "$0")/../.."
srv=${1:-build/bench/http-server}
if [ -z "${1:-}" ]; then
  mkdir -p build/bench
  build/asyncc examples/http/server.c -o build/bench/http.gen.c
  cc -std=gnu11 -O2 -Iruntime build/bench/http.gen.c build/libasyncc.a -lpthread -o "$srv"
fi
port=$((20000 + RANDOM % 20000))
"$srv" "$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done

# send REQUEST: prints the status lines of the responses, in order.
send() {
  exec 3<>/dev/tcp/127.0.0.1/$port
  # The server may close first (HTTP/1.0, 431): a write then gets EPIPE,
  # and SIGPIPE, not ignored, would kill this script.
  (trap '' PIPE; printf '%b' "$1" >&3) 2>/dev/null || true
  timeout 2 cat <&3 2>/dev/null | tr -d '\r' | grep -a '^HTTP/' | cut -d' ' -f2 | paste -sd' ' || true
  exec 3<&-
}
fail=0
expect() {   # expect NAME "STATUSES" REQUEST
  local got; got=$(send "$3")
  if [ "$got" = "$2" ]; then echo "ok   $1: $got"; else echo "FAIL $1: got '$got', want '$2'"; fail=1; fi
}
C='Connection: close\r\n'
expect "GET"                  "200"     "GET / HTTP/1.1\r\nHost: x\r\n$C\r\n"
expect "HEAD"                 "200"     "HEAD / HTTP/1.1\r\nHost: x\r\n$C\r\n"
expect "POST with a body"     "405"     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n$C\r\nhello"
expect "pipelined keep-alive" "200 200 200" "GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\nGET /c HTTP/1.1\r\nHost: x\r\n$C\r\n"
expect "HTTP/1.0 closes"      "200"     "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n"
expect "HTTP/1.0 keep-alive"  "200 200" "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n"
expect "garbage"              "400"     "GARBAGE\r\n\r\n"
expect "no version"           "400"     "GET /\r\nHost: x\r\n\r\n"
expect "HTTP/2.0"             "400"     "GET / HTTP/2.0\r\nHost: x\r\n\r\n"
expect "no Host in 1.1"       "400"     "GET / HTTP/1.1\r\n\r\n"
expect "space before colon"   "400"     "GET / HTTP/1.1\r\nHost : x\r\n\r\n"
expect "bad Content-Length"   "400"     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n"
expect "two Content-Lengths"  "400"     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"
expect "body too large"       "413"     "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n"
expect "chunked"              "501"     "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
expect "head too large"       "431"     "GET / HTTP/1.1\r\nHost: x\r\nX: $(head -c 9000 /dev/zero | tr '\0' a)\r\n\r\n"
exit $fail
