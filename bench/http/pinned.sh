#!/usr/bin/env bash
# bench/http/pinned.sh [ROUNDS] [LOAD] - requests/s of the asyncc example,
# the hand-written epoll server and nginx when each server has one CPU of
# its own and wrk another: the server pinned to CPU 1 (taskset), wrk
# (-t1 -c100, 4 s; CONNS=N for another count) to CPU 0.  Unpinned, on a
# machine of two CPUs, wrk and the server share both and wrk's own CPU caps every server at about the
# same figure (docs/performance.md, "Keep-alive against nginx again"), so
# requests/s there say little of the server; pinned, each server's figure
# is what its one CPU serves.  Each server runs as it would on a machine of
# one CPU: the epoll server takes its thread count from its CPU affinity
# (one), the asyncc example runs the runtime single-threaded when its
# affinity is one CPU, nginx gets one worker (NGINX_WORKERS=1).  LOAD:
# keepalive (default) or close (Connection: close, a connection per
# request).  ROUNDS (6) rounds, the servers' order rotating; prints every
# round, then the medians and the ratios.  Needs wrk, nginx, taskset and
# build/bench/http-server, http-epoll (make build/bench/http-server
# build/bench/http-epoll); the machine should be otherwise idle.  With
# CONNS=1000 nginx's runs print wrk's "Socket errors: ... timeout" lines:
# requests it left unanswered within 2 s, every run.
#
# DEFERRED=1 gives every server TCP_DEFER_ACCEPT (the example's and the
# epoll server's -d, nginx's `listen ... deferred`).  CAP=PCT puts the
# server in a cgroup limited to PCT% of its CPU (cgroup v1's cpu
# controller or v2's cpu.max: 1 ms of CPU, the least a quota can be, per
# period of 100/PCT ms, so that a period's work is less than wrk's 100
# requests in flight and the server never waits for wrk; root): with a
# connection per request, wrk's own CPU is the limit when each has one
# (it is 100% busy, the servers' CPU a third idle), so requests/s there
# rank the clients' luck, not the servers; below wrk's rate they measure
# what each server does with the CPU it has.  DURATION: seconds per run
# (4).  `make bench` runs it with DEFERRED=1 CAP=20 (bench/run.sh, 6c).
set -uo pipefail
cd "$(dirname "$0")/../.."
B=build/bench
rounds=${1:-6}
load=${2:-keepalive}
[ "$(nproc --all)" -ge 2 ] || { echo "pinned.sh: needs two CPUs" >&2; exit 1; }
for c in wrk nginx taskset; do
  command -v $c >/dev/null || { echo "pinned.sh: $c not installed (.ci/deps bench)" >&2; exit 1; }
done
for b in http-server http-epoll; do
  [ -x $B/$b ] || { echo "pinned.sh: $B/$b missing (make $B/http-server $B/http-epoll)" >&2; exit 1; }
done
case ${CAP:-} in
  ''|[1-9]|[1-9][0-9]|100) ;;
  *) echo "pinned.sh: CAP is a percentage of one CPU, 1 to 100" >&2; exit 1 ;;
esac
args=(-t1 -c${CONNS:-100} -d${DURATION:-4}s --latency)
dflag=(); [ -n "${DEFERRED:-}" ] && dflag=(-d)
cg=
if [ -n "${CAP:-}" ]; then      # a cgroup of CAP% of a CPU for the servers
  name=asyncc-bench-$$            # one per run: two runs never share a quota
  if [ -d /sys/fs/cgroup/cpu ] && mkdir /sys/fs/cgroup/cpu/$name 2>/dev/null; then
    cg=/sys/fs/cgroup/cpu/$name
    echo $((100000 / CAP)) > $cg/cpu.cfs_period_us && echo 1000 > $cg/cpu.cfs_quota_us || cg=
  elif mkdir /sys/fs/cgroup/$name 2>/dev/null; then
    cg=/sys/fs/cgroup/$name
    echo "1000 $((100000 / CAP))" > $cg/cpu.max || cg=
  fi
  [ -n "$cg" ] || { echo "pinned.sh: CAP needs a writable cgroup cpu controller (root)" >&2; exit 1; }
fi
[ "$load" = close ] && args+=(-H 'Connection: close')
out=$(mktemp)
trap 'rm -f "$out"; [ -z "$cg" ] || rmdir "$cg" 2>/dev/null' EXIT

up() { (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; }
one() {   # one NAME CMD...: a run of NAME pinned to CPU 1; appends "NAME req/s p99"
  local name=$1 port pid r w; shift
  # A free port below the ephemeral ones (32768-), which wrk churns.
  for _ in $(seq 20); do port=$((10000 + RANDOM % 20000)); up $port || break; done
  ( [ -z "$cg" ] || echo $BASHPID > "$cg/cgroup.procs"
    exec taskset -c 1 "$@" $port >/dev/null 2>&1 ) &
  pid=$!
  for _ in $(seq 100); do up $port && break; sleep 0.1; done
  if ! kill -0 $pid 2>/dev/null || ! up $port; then
    echo "pinned.sh: $name ($*) did not start on port $port" >&2
    kill $pid 2>/dev/null
    wait $pid 2>/dev/null
    exit 1
  fi
  w=$(taskset -c 0 wrk "${args[@]}" http://127.0.0.1:$port/)
  r=$(awk '/Requests\/sec/ { rps = $2 } / 99%/ { p99 = $2 } END { print rps, p99 }' <<<"$w")
  grep -E 'Socket errors|Non-2xx' <<<"$w" | sed "s/^/pinned.sh: $name: /" >&2
  kill $pid 2>/dev/null
  wait $pid 2>/dev/null
  echo "$name $r" | tee -a "$out"
}

servers=(asyncc epoll nginx)
for ((i = 0; i < rounds; i++)); do
  for ((j = 0; j < 3; j++)); do
    case ${servers[(i + j) % 3]} in
      asyncc) one asyncc $B/http-server "${dflag[@]}" ;;
      epoll) one epoll $B/http-epoll "${dflag[@]}" ;;
      nginx) NGINX_WORKERS=1 NGINX_DEFERRED=${DEFERRED:-} one nginx bench/http/nginx.sh ;;
    esac
  done
done
awk -v load="$load" -v defer="${DEFERRED:-}" -v cap="${CAP:-}" '
  { n[$1]++; v[$1, n[$1]] = $2
    u = $3; sub(/^[0-9.]+/, "", u); ms = $3 + 0; ms = u == "us" ? ms / 1000 : u == "s" ? ms * 1000 : ms
    p[$1, n[$1]] = ms }
  function median(s, w,   k, a, m, i, j, t) {
    m = n[s]; for (i = 1; i <= m; i++) a[i] = w == "p99" ? p[s, i] : v[s, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return m % 2 ? a[(m + 1) / 2] : (a[m / 2] + a[m / 2 + 1]) / 2
  }
  END {
    a = median("asyncc"); e = median("epoll"); g = median("nginx")
    printf "%s, one CPU each%s%s: medians asyncc %.0f, epoll %.0f, nginx %.0f req/s: asyncc/epoll %.2fx, asyncc/nginx %.2fx\n", load, defer ? ", deferred accept" : "", cap ? ", servers capped at " cap "%" : "", a, e, g, a / e, a / g
    for (i = 1; i <= n["asyncc"]; i++) above += v["asyncc", i] > v["nginx", i]
    printf "asyncc above nginx in %d of %d rounds; p99 medians asyncc %.2f, epoll %.2f, nginx %.2f ms\n", above, n["asyncc"], median("asyncc", "p99"), median("epoll", "p99"), median("nginx", "p99")
  }' "$out"
