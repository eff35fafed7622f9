#!/usr/bin/env bash
# bench/http/cpu.sh [RUNS] - CPU time, system calls and context switches
# per request of the asyncc example, the hand-written epoll server and
# nginx, under wrk (-t2, 4 s): 100 keep-alive connections, 100 with one
# request each (Connection: close), 1,000 keep-alive connections.  Counted
# by `perf stat -p` on the server's threads and processes for the length of
# the run, so the figures hold on a busy machine where requests/s do not.
# Needs perf (Debian linux-perf), wrk, nginx, and build/bench/http-server
# and http-epoll (make bench-bins).  Prints one line per run; RUNS (2)
# rounds interleave the servers.
set -uo pipefail
cd "$(dirname "$0")/../.."
B=build/bench
runs=${1:-2}
E=raw_syscalls:sys_enter,context-switches,task-clock
for s in read recvfrom write sendto writev epoll_wait epoll_ctl futex accept4 close shutdown setsockopt; do
  E+=,syscalls:sys_enter_$s
done
run() {   # run NAME LOAD CONNS CMD...
  local name=$1 load=$2 conns=$3; shift 3
  local port=$((10000 + RANDOM % 20000)) out; out=$(mktemp)
  "$@" $port >/dev/null 2>&1 &
  local pid=$!
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
  local pids=$pid
  [ "$name" = nginx ] && pids=$(echo $pid $(pgrep -P $pid) | tr ' ' ,)
  local a=(-c"$conns"); [ "$load" = close ] && a+=(-H 'Connection: close')
  perf stat -x, -e "$E" -p "$pids" -o "$out" -- sleep 4 &
  local pp=$!
  local n; n=$(wrk -t2 -d4s "${a[@]}" http://127.0.0.1:$port/ | awk '/requests in/ { print $1 }')
  wait $pp
  kill $pid; wait $pid 2>/dev/null
  awk -F, -v n="${n:-0}" -v name=$name -v load=$load -v c=$conns '
    $3 ~ /task-clock/ { cpu = $1 }
    $3 ~ /raw_syscalls/ { sys = $1 }
    $3 ~ /context-switches/ { cs = $1 }
    $3 ~ /syscalls:sys_enter_/ { k = $3; sub(/syscalls:sys_enter_/, "", k); if (n && $1 / n >= 0.05) d = d sprintf(" %s %.2f", k, $1 / n) }
    END { if (!n) { print name, load, c, "no requests"; exit }
          printf "%-6s %-5s c%-4s %8d req %7.2f us CPU %5.2f syscalls %5.2f ctx-switches /req |%s\n",
                 name, load, c, n, cpu * 1000 / n, sys / n, cs / n, d }' "$out"
  rm -f "$out"
}
for ((i = 0; i < runs; i++)); do
  for lc in "keep 100" "close 100" "keep 1000"; do
    set -- $lc
    run asyncc $1 $2 $B/http-server
    run epoll $1 $2 $B/http-epoll
    run nginx $1 $2 bench/http/nginx.sh
  done
done
