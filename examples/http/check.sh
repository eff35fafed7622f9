#!/usr/bin/env bash
# examples/http/check.sh [SERVER] - builds (unless given) and starts the
# example server on a free loopback port with short timeouts, sends it
# good, pipelined and malformed requests over bash's /dev/tcp and checks
# each status line; then holds idle and slowloris connections open and
# checks that the timeouts close them, and runs a second server under
# `ulimit -n 64` to check that new clients are served at the descriptor
# limit, and a third with -d (deferred accept).  Each server must exit 0
# on SIGTERM (under ASan: no leak).
set -euo pipefail
cd "$(dirname "$0")/../.."
srv=${1:-build/bench/http-server}
if [ -z "${1:-}" ]; then
  mkdir -p build/bench
  build/asyncc examples/http/server.c -o build/bench/http.gen.c
  cc -std=gnu11 -O2 -Iruntime build/bench/http.gen.c build/libasyncc.a -lpthread -o "$srv"
fi
trap "" PIPE   # the server may close before a request is fully sent
pids=()
fail=0
bad() { echo "FAIL $*"; fail=1; }

# start PORT ARGS...: runs the server on PORT, waits until it accepts.
start() {
  local p=$1; shift
  "$srv" "$@" "$p" 2>"$tmp.$p" &
  pids+=($!)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && return; sleep 0.05; done
  bad "server on port $p did not start"; exit 1
}
# stop PORT: SIGTERM to the last server started, which must exit 0.
stop() {
  local pid=${pids[-1]} rc=0
  kill -TERM "$pid"; wait "$pid" || rc=$?
  unset 'pids[-1]'
  [ $rc = 0 ] && echo "ok   clean exit: $(tail -1 "$tmp.$1")" || { bad "exit $rc:"; cat "$tmp.$1"; }
}
tmp=$(mktemp -u /tmp/http-check.XXXXXX)
trap 'kill "${pids[@]}" 2>/dev/null || true; rm -f "$tmp".*' EXIT
# A port out of range is refused (it was taken modulo 65536: 234610 bound 38002).
for p in 234610 0 8080x; do
  rc=0; "$srv" "$p" 2>"$tmp.usage" || rc=$?
  [ $rc = 2 ] && grep -q '^usage: http-server' "$tmp.usage" &&
    echo "ok   port $p refused" || bad "port $p: exit $rc"
done
port=$((10000 + RANDOM % 20000))   # below the ephemeral ports (32768-), which wrk churns
# Idle and keep-alive timeouts of 1.5 s, header and I/O of 0.5 s.
start $port -i 1500 -k 1500 -H 500 -w 500

# send REQUEST [FILE]: prints the status lines of the responses, in order
# (REQUEST is printf %b text; FILE, if given, is sent after it).
send() {
  exec 3<>/dev/tcp/127.0.0.1/$port
  { printf '%b' "$1"; [ -z "${2:-}" ] || cat "$2"; } >&3 2>/dev/null || true
  timeout 3 cat <&3 2>/dev/null | tr -d '\r' | grep -a '^HTTP/' | cut -d' ' -f2 | paste -sd' ' || true
  exec 3<&-
}
expect() {   # expect NAME "STATUSES" REQUEST [FILE]
  local got; got=$(send "$3" "${4:-}")
  if [ "$got" = "$2" ]; then echo "ok   $1: $got"; else bad "$1: got '$got', want '$2'"; fi
}
H='Host: x\r\n'
C='Connection: close\r\n'
fields() { for ((i = 0; i < $1; i++)); do printf 'X-%d: v\\r\\n' $i; done; }
expect "GET"                  "200"     "GET / HTTP/1.1\r\n$H$C\r\n"
expect "HEAD"                 "200"     "HEAD / HTTP/1.1\r\n$H$C\r\n"
expect "POST with a body"     "405"     "POST / HTTP/1.1\r\n${H}Content-Length: 5\r\n$C\r\nhello"
expect "pipelined keep-alive" "200 200 200" "GET /a HTTP/1.1\r\n$H\r\nGET /b HTTP/1.1\r\n$H\r\nGET /c HTTP/1.1\r\n$H$C\r\n"
expect "HTTP/1.0 closes"      "200"     "GET / HTTP/1.0\r\n\r\nGET / HTTP/1.0\r\n\r\n"
expect "HTTP/1.0 keep-alive"  "200 200" "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.0\r\n\r\n"
expect "garbage"              "400"     "GARBAGE\r\n\r\n"
expect "no version"           "400"     "GET /\r\n$H\r\n"
expect "HTTP/2.0"             "400"     "GET / HTTP/2.0\r\n$H\r\n"
expect "HTTP/1.2 as 1.1"      "200"     "GET / HTTP/1.2\r\n$H$C\r\n"
expect "no Host in 1.1"       "400"     "GET / HTTP/1.1\r\n\r\n"
expect "space before colon"   "400"     "GET / HTTP/1.1\r\nHost : x\r\n\r\n"
expect "bad Content-Length"   "400"     "POST / HTTP/1.1\r\n${H}Content-Length: 1x\r\n\r\n"
expect "two Content-Lengths"  "400"     "POST / HTTP/1.1\r\n${H}Content-Length: 1\r\nContent-Length: 2\r\n\r\n"
expect "body too large"       "413"     "POST / HTTP/1.1\r\n${H}Content-Length: 99999999\r\n\r\n"
expect "chunked"              "501"     "POST / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n"
expect "head too large"       "431"     "GET / HTTP/1.1\r\n${H}X: $(head -c 9000 /dev/zero | tr '\0' a)\r\n\r\n"
expect "64 fields"            "200"     "GET / HTTP/1.1\r\n$H$C$(fields 62)\r\n"
expect "65 fields"            "431"     "GET / HTTP/1.1\r\n$H$C$(fields 63)\r\n"
expect "zero-padded length"   "200 200" "GET / HTTP/1.1\r\n${H}Content-Length: 0000000005\r\n\r\nhelloGET / HTTP/1.1\r\n$H$C\r\n"
expect "bare LF"              "200 200" "GET / HTTP/1.1\nHost: x\n\nGET / HTTP/1.1\nHost: x\nConnection: close\n\n"
expect "leading CRLF"         "200 200" "\r\nGET / HTTP/1.1\r\n$H\r\n\r\n\r\nGET / HTTP/1.1\r\n$H$C\r\n"
expect "bare CR"              "400"     "GET / HTTP/1.1\r\n${H}X: a\rb\r\n\r\n"
# body REQUEST: what follows the head of the first answer
body() {
  exec 3<>/dev/tcp/127.0.0.1/$port
  printf '%b' "$1" >&3 2>/dev/null || true
  timeout 3 cat <&3 2>/dev/null | tr -d '\r' | awk 'b { printf "%s", $0 } /^$/ { b = 1 }' || true
  exec 3<&-
}
for req in "HEAD / HTTP/1.1\r\n${H}Transfer-Encoding: chunked\r\n\r\n" \
           "HEAD / HTTP/1.1\r\n${H}Content-Length: 99999999\r\n\r\n"; do
  got=$(body "$req")
  [ -z "$got" ] && echo "ok   an error answer to HEAD has no body" || bad "an error answer to HEAD has a body: '$got'"
done
head -c 4096 /dev/urandom > "$tmp.bin"
t0=$SECONDS
expect "4 KB of binary"       "400"     "" "$tmp.bin"
expect "binary after a method" "400"    "GET /" "$tmp.bin"
((SECONDS - t0 < 3)) || bad "binary requests were not answered and closed at once"

# hold N [TEXT]: opens N connections into conns[], sends TEXT on each.
hold() {
  conns=()
  for ((i = 0; i < $1; i++)); do
    exec {fd}<>/dev/tcp/127.0.0.1/$port; conns+=("$fd")
    [ -z "${2:-}" ] || printf '%b' "$2" >&$fd 2>/dev/null || true
  done
}
release() { for fd in "${conns[@]}"; do exec {fd}<&-; done; }
# closed_within SECONDS NAME WANT: each held connection must reach EOF (its
# first line, if any, starting with WANT) within SECONDS from now.
closed_within() {
  local end=$((SECONDS + $1)) open=0 wrong=0 line
  for fd in "${conns[@]}"; do
    line=
    while :; do
      local left=$((end - SECONDS)); ((left > 0)) || left=0.1
      IFS= read -r -t $left -u "$fd" l || { (($? > 128)) && open=$((open + 1)); break; }
      [ -z "$line" ] && line=$l
    done
    [[ "$line" == "$3"* ]] || wrong=$((wrong + 1))
  done
  ((open == 0 && wrong == 0)) && echo "ok   $2: ${#conns[@]} closed" ||
    bad "$2: $open of ${#conns[@]} still open after $1 s, $wrong answered other than '$3'"
}

# 200 idle connections: closed by the idle timeout, without an answer.
hold 200
closed_within 6 "200 idle connections" ""
release
# 500 slowloris connections: a header line every 0.1 s for 3 s; the header
# timeout (0.5 s from the first byte) must close each with 408.
hold 500
for fd in "${conns[@]}"; do printf 'GET / HTTP/1.1\r\n' >&$fd 2>/dev/null || true; done
for ((r = 0; r < 30; r++)); do
  for fd in "${conns[@]}"; do printf 'X-%d: y\r\n' $r >&$fd 2>/dev/null || true; done
  sleep 0.1
done
closed_within 1 "500 slowloris connections" "HTTP/1.1 408"
release
# A kept-alive connection: answered, then closed by the keep-alive timeout.
hold 1
printf "GET / HTTP/1.1\r\n$H\r\n" >&${conns[0]}
closed_within 4 "keep-alive timeout" "HTTP/1.1 200"
release
stop $port

# At the descriptor limit (64): 100 idle connections, then a request must be
# answered at once (the oldest idle ones are shed; the idle timeout is long).
port=$((port + 1))
(ulimit -n 64; exec "$srv" -w 800 "$port" 2>"$tmp.$port") &
pids+=($!)
for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
hold 100
t0=$SECONDS
expect "a request with 100 idle conns at ulimit -n 64" "200" "GET / HTTP/1.1\r\n$H$C\r\n"
((SECONDS - t0 < 3)) || bad "not answered at once"
release
# ... and with 70 connections stalled in a body (busy, not shed): served
# once the I/O timeout (0.8 s) has closed enough of them.
hold 70 "POST / HTTP/1.1\r\n${H}Content-Length: 100\r\n\r\nab"
expect "a request with 70 stalled bodies at ulimit -n 64" "200" "GET / HTTP/1.1\r\n$H$C\r\n"
release
stop $port

# -d (TCP_DEFER_ACCEPT): requests are answered, and silent clients wait in
# the kernel without holding the next one up.
port=$((port + 1))
start $port -d -i 1500
hold 20
t0=$SECONDS
expect "-d: a request with 20 silent connections" "200" "GET / HTTP/1.1\r\n$H$C\r\n"
expect "-d: pipelined keep-alive" "200 200" "GET /a HTTP/1.1\r\n$H\r\nGET /b HTTP/1.1\r\n$H$C\r\n"
((SECONDS - t0 < 3)) || bad "-d: not answered at once"
closed_within 6 "-d: 20 silent connections, held by the kernel, then idle" ""
release
stop $port
exit $fail
