#!/usr/bin/env bash
# examples/http/soak/soak.sh [SECONDS] - the HTTP example under load and
# faults for about SECONDS (60) in all, then a verdict (`make soak
# SECONDS=N` builds the programs and runs this).
#
# Two phases, each: the server under `ulimit -n 256` with 2 s timeouts;
# wrk with 100 keep-alive connections and wrk with 20 one-request
# connections; the fault client (fault.c) with 6 threads of faulty and
# checked requests and 150 idle connections, so there are more clients than
# descriptors.  Then SIGTERM: the server must close everything and exit 0.
#   release  2/3 of the time, the -O2 build: RSS (VmRSS) sampled every 2 s
#            must be flat after warm-up (the largest sample of the last
#            quarter within 10% + 1 MiB of the largest of the second)
#   asan     1/3, the ASan+UBSan build: no sanitizer report, and
#            LeakSanitizer at exit finds nothing
# Passes if, in both, no answer was wrong (the fault client checks every
# complete answer; wrk counts non-2xx), the server exited 0 and the checks
# above hold.  Outputs in build/soak/: summary.txt, and per phase the
# server's log, wrk's and the fault client's outputs, rss.tsv.
set -uo pipefail
cd "$(dirname "$0")/../../.."
total=${1:-60}
B=build/soak
for f in "$B/fault" "$B/http-server" "$B/http-server-asan"; do
  [ -x "$f" ] || { echo "soak: $f missing (make soak builds it)" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "soak: wrk not installed (.ci/deps soak)" >&2; exit 2; }
T=2000                                     # every server timeout, ms
pids=()
trap 'kill "${pids[@]}" 2>/dev/null' EXIT
verdict=0
: > "$B/summary.txt"
say() { printf '%s\n' "$*" | tee -a "$B/summary.txt"; }
failed() { say "FAIL $*"; verdict=1; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# phase NAME BINARY SECONDS
phase() {
  local name=$1 bin=$2 secs=$3 port=$((10000 + RANDOM % 20000)) d=$B/$1
  mkdir -p "$d"
  (ulimit -n 256; exec "$bin" -i $T -k $T -H $T -w $T $port) 2>"$d/server.log" &
  local srv=$!
  pids+=($srv)
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.05; done
  wrk -t1 -c100 -d${secs}s http://127.0.0.1:$port/ > "$d/wrk-keepalive.txt" 2>&1 &
  local w1=$!
  wrk -t1 -c20 -d${secs}s -H 'Connection: close' http://127.0.0.1:$port/ > "$d/wrk-close.txt" 2>&1 &
  local w2=$!
  "$B/fault" -t 6 -d "$secs" -n 150 -T $T $port > "$d/fault.txt" 2> "$d/fault.err" &
  local fc=$!
  pids+=($w1 $w2 $fc)
  : > "$d/rss.tsv"
  local t0=$SECONDS
  while kill -0 $fc 2>/dev/null; do
    printf '%s\t%s\n' $((SECONDS - t0)) "$(rss $srv)" >> "$d/rss.tsv"
    sleep 2
  done
  wait $w1 $w2
  wait $fc; local frc=$?
  kill -TERM $srv; wait $srv; local src=$?

  # Figures.
  local reqs=0 non2xx=0 sockerr=""
  for w in keepalive close; do
    local r; r=$(awk '/requests in/ { print $1 }' "$d/wrk-$w.txt")
    reqs=$((reqs + ${r:-0}))
    non2xx=$((non2xx + $(awk '/Non-2xx/ { n += $NF } END { print n + 0 }' "$d/wrk-$w.txt")))
    local e; e=$(grep -h 'Socket errors' "$d/wrk-$w.txt" | sed 's/^ *Socket errors: //')
    sockerr+="${sockerr:+; }$w: ${e:-none}"
  done
  say "== $name ($secs s, $(basename "$bin"), ulimit -n 256, 100 + 20 wrk connections, 150 idle, 6 fault threads)"
  say "wrk: $reqs requests, $non2xx non-2xx; socket errors: $sockerr"
  say "fault client: $(cat "$d/fault.txt")"
  say "server: $(tail -1 "$d/server.log")"
  ((non2xx == 0)) || failed "$name: $non2xx non-2xx answers to wrk"
  ((frc == 0)) || { failed "$name: the fault client saw wrong answers:"; head -5 "$d/fault.err" | tee -a "$B/summary.txt"; }
  ((src == 0)) || failed "$name: the server exited $src"
  if grep -q 'Sanitizer\|runtime error' "$d/server.log"; then
    failed "$name: sanitizer report in $d/server.log"
    grep -m5 'Sanitizer\|runtime error' "$d/server.log" | tee -a "$B/summary.txt"
  fi
  if [ "$name" = release ]; then
    awk -F'\t' -v s="$secs" -v OFS=' ' '
      $2 != "" { n++; t[n] = $1; v[n] = $2 }
      END {
        for (i = 1; i <= n; i++) {
          if (t[i] >= s / 4 && t[i] < s / 2 && v[i] > warm) warm = v[i]
          if (t[i] >= 3 * s / 4 && v[i] > late) late = v[i]
          if (v[i] > max) max = v[i]
        }
        printf "rss: first %d kB, after warm-up (max of 25-50%%) %d kB, end %d kB, max of the last quarter %d kB, max %d kB (%d samples)\n",
               v[1], warm, v[n], late, max, n
        exit !(warm && late <= warm * 1.10 + 1024)
      }' "$d/rss.tsv" > "$d/rss.txt"
    local flat=$?
    say "$(cat "$d/rss.txt")"
    ((flat == 0)) || failed "$name: RSS grew after warm-up"
  fi
  pids=()
}

release=$((total * 2 / 3)) asan=$((total - total * 2 / 3))
((release >= 8 && asan >= 4)) || { echo "soak: SECONDS must be at least 12" >&2; exit 2; }
phase release "$B/http-server" $release
phase asan "$B/http-server-asan" $asan
((verdict == 0)) && say "soak: PASS" || say "soak: FAIL"
exit $verdict
