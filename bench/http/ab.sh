#!/usr/bin/env bash
# bench/http/ab.sh [-r ROUNDS] [-d SECONDS] [-l LOADS] REV_A REV_B
# The HTTP example (examples/http/server.c) of two revisions side by side:
# each revision's tool lowers it and it links with that revision's runtime,
# exactly as `make bench` builds build/bench/http-server; then ROUNDS (6)
# rounds of `wrk -t2 -dSECONDS --latency` (4 s) against one server after
# the other, the order alternating between rounds so that both see the
# same drift in the machine's load.  LOADS (default "keep100 close100
# keep1000"): keep-alive with 100 connections, one request per connection
# (Connection: close) with 100, keep-alive with 1,000.
#
# Prints one line per wrk run (requests/s, p99, and the server's CPU time
# per request from /proc/PID/stat, which holds better than requests/s on a
# busy machine), then per load the medians and B over A.  Meant for a quiet
# machine.  Each revision is exported with `git archive` and built once
# under build/ab/SHORT-HASH/ (reused by the next run and by bench/ab.sh;
# `rm -rf build/ab` to rebuild).  Example: bench/http/ab.sh 5643a59^ 5643a59 (docs/performance.md,
# "Locals in registers: before and after").
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 1
rounds=6 secs=4 loads="keep100 close100 keep1000"
while getopts r:d:l: o; do
  case $o in
    r) rounds=$OPTARG ;; d) secs=$OPTARG ;; l) loads=$OPTARG ;;
    *) sed -n 2,3p "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# = 2 ] || { sed -n 2,3p "$0" >&2; exit 2; }
command -v wrk >/dev/null || { echo "ab.sh: wrk not installed (.ci/deps bench)" >&2; exit 1; }
AB=build/ab
mkdir -p $AB

# build REV: prints the path of REV's server, building it if needed.
build() {
  local h; h=$(git rev-parse --short=12 "$1^{commit}") || exit 1
  local bin=$AB/$h/http-server
  if [ ! -x "$bin" ]; then
    [ -d "$AB/$h/src" ] || { mkdir -p "$AB/$h/src" && git archive "$h" | tar -x -C "$AB/$h/src"; }
    echo "ab.sh: building $1 ($h) in $AB/$h/src" >&2
    nice make -C "$AB/$h/src" -j2 build/bench/http-server >"$AB/$h/build.log" 2>&1 ||
      { echo "ab.sh: build of $1 failed, see $AB/$h/build.log" >&2; exit 1; }
    cp "$AB/$h/src/build/bench/http-server" "$bin"
  fi
  echo "$bin"
}
bin_a=$(build "$1") || exit 1
bin_b=$(build "$2") || exit 1
name_a=$1 name_b=$2

port_free() { ! (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.05; done; return 1; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }   # utime + stime
tck=$(getconf CLK_TCK)
rows=$AB/rows.tsv
: > "$rows"

# one NAME BIN LOAD: start BIN, one wrk run, a row of $rows.
one() {
  local name=$1 bin=$2 load=$3 port=$((10000 + RANDOM % 20000))
  port_free $port || port=$((port + 1))
  local a=(-c"${load#keep}")
  [ "${load#close}" != "$load" ] && a=(-c"${load#close}" -H 'Connection: close')
  "$bin" $port >/dev/null 2>&1 &
  local pid=$! out; out=$(mktemp)
  if wait_port $port; then
    local t0; t0=$(cpu_ticks $pid)
    wrk -t2 -d"${secs}"s --latency "${a[@]}" http://127.0.0.1:$port/ > "$out" 2>&1
    local t1; t1=$(cpu_ticks $pid)
    awk -v name="$name" -v load="$load" -v cpu=$((t1 - t0)) -v tck="$tck" -v OFS='\t' '
      /requests in/ { n = $1 }
      /^Requests\/sec/ { rps = $2 }
      $1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
                    p99 = u == "us" ? v / 1000 : u == "s" ? v * 1000 : v }
      /Non-2xx|Socket errors/ { err = err " " $0 }
      END { if (!n) { print name, load, "no requests" > "/dev/stderr"; exit }
            print name, load, rps, p99, cpu * 1e6 / tck / n, err }' "$out" | tee -a "$rows"
  else
    echo "ab.sh: $name did not start" >&2
  fi
  kill $pid 2>/dev/null; wait $pid 2>/dev/null
  rm -f "$out"
}

printf 'revision\tload\treq/s\tp99 ms\tCPU us/req\n'
for ((r = 0; r < rounds; r++)); do
  for load in $loads; do
    if ((r % 2 == 0)); then one "$name_a" "$bin_a" $load; one "$name_b" "$bin_b" $load
    else one "$name_b" "$bin_b" $load; one "$name_a" "$bin_a" $load; fi
  done
done

# Medians (the lower middle for an even count) per revision and load.
echo
printf '%-10s %-12s %10s %8s %11s   %-12s %10s %8s %11s   %s\n' load A "req/s" "p99 ms" "CPU us/req" B "req/s" "p99 ms" "CPU us/req" "B/A req/s, CPU"
for load in $loads; do
  med() { awk -F'\t' -v n="$1" -v l=$load -v c=$2 '$1 == n && $2 == l { print $c }' "$rows" | sort -g |
          awk '{ v[NR] = $1 } END { if (NR) printf "%.2f", v[int((NR + 1) / 2)] }'; }
  ra=$(med "$name_a" 3) pa=$(med "$name_a" 4) ca=$(med "$name_a" 5)
  rb=$(med "$name_b" 3) pb=$(med "$name_b" 4) cb=$(med "$name_b" 5)
  printf '%-10s %-12s %10s %8s %11s   %-12s %10s %8s %11s   %s\n' $load "$name_a" "$ra" "$pa" "$ca" "$name_b" "$rb" "$pb" "$cb" \
    "$(awk -v a="$ra" -v b="$rb" -v x="$ca" -v y="$cb" 'BEGIN { if (a && x) printf "%.3f, %.3f", b / a, y / x }')"
done
