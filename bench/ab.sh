#!/usr/bin/env bash
# bench/ab.sh [-r REPS] REV...  The instruction counts of `make bench` that
# go through generated code, for several revisions side by side: each
# revision's tool lowers its own bench/*.c and they link with its runtime,
# compiled by gcc -O2 (as `make bench`) and by clang-19 -O2.  Figures, as
# bench/run.sh counts them (callgrind at N = 50,000 and 2N, one valgrind
# process per run; await_ready inside sum_ready only):
#   await_ready_instr  sync_call_instr  suspend_resume_instr
#   await_suspending_child_instr (embedded)  await_suspending_child_ext_instr
#   suspend_resume_promise_instr  spawn_instr (one worker)
# The non-embedded child is this tree's bench/suspend.c (mode child_ext),
# lowered by each revision's tool, so that revisions older than that mode
# have the figure too.  The counts move by a few instructions between runs
# where a second thread is involved (the waiting main thread), so each
# figure is taken REPS (5) times, revisions interleaved; prints one row per
# figure: median (min-max) per revision, and the last over the first.
# Each revision is exported with `git archive` and built once under
# build/ab/SHORT-HASH/ (bench/http/ab.sh shares them).
# Example: bench/ab.sh 5643a59^ 5643a59 HEAD (docs/performance.md).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
reps=5
while getopts r: o; do
  case $o in r) reps=$OPTARG ;; *) sed -n 2p "$0" >&2; exit 2 ;; esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { sed -n 2p "$0" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "ab.sh: valgrind not installed (.ci/deps bench)" >&2; exit 1; }
AB=$PWD/build/ab HERE=$PWD
mkdir -p "$AB"

# build REV: the bench programs of REV under build/ab/HASH/bin.
build() {
  local h; h=$(git rev-parse --short=12 "$1^{commit}") || exit 1
  local d=$AB/$h
  if [ ! -x "$d/bin/suspend_ext-clang-19" ]; then
    [ -d "$d/src" ] || { mkdir -p "$d/src" && git archive "$h" | tar -x -C "$d/src"; }
    echo "ab.sh: building $1 ($h) in $d/src" >&2
    (cd "$d/src" && build_in "$d/bin") >"$d/bench-build.log" 2>&1 ||
      { echo "ab.sh: build of $1 failed, see $d/bench-build.log" >&2; exit 1; }
  fi
  echo "$h"
}
build_in() {   # in the revision's tree: its Makefile's recipe, then clang-19
  set -e
  local B=build/bench X=$1
  nice make -j2 build/asyncc build/libasyncc.a $B/await_ready $B/suspend $B/spawn $B/sync_call
  mkdir -p "$X"
  cp "$HERE/bench/suspend.c" "$X/suspend_ext.c"
  cp "$HERE/bench/suspend_main.h" "$HERE/bench/common.h" "$X/"
  build/asyncc "$X/suspend_ext.c" -o "$X/suspend_ext.gen.c"
  for cc in gcc clang-19; do
    local f=(-std=gnu11 -O2 -Wall -Wextra -Iruntime -Ibench)
    [ $cc = clang-19 ] && f+=(-Dnoipa=noinline)
    for p in await_ready suspend spawn; do
      $cc "${f[@]}" $B/$p.gen.c build/libasyncc.a -lpthread -o "$X/$p-$cc"
    done
    $cc "${f[@]}" $B/sync_call.gen.c bench/sync_call_main.c build/libasyncc.a -lpthread -o "$X/sync_call-$cc"
    $cc "${f[@]/-Ibench/-I$X}" "$X/suspend_ext.gen.c" build/libasyncc.a -lpthread -o "$X/suspend_ext-$cc"
  done
}
hashes=() names=()
for rev in "$@"; do
  h=$(build "$rev") || exit 1
  hashes+=("$h") names+=("$rev")
done

ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | awk '/Collected :/ { print $4 }'; }
instr() {   # instr CMD... (with @N@): as bench/run.sh
  local n1=50000 n2=100000 a b
  a=$(ir "${@//@N@/$n1}") b=$(ir "${@//@N@/$n2}")
  [ -n "$a" ] && [ -n "$b" ] && awk -v a="$a" -v b="$b" -v d=$((n2 - n1)) 'BEGIN { printf "%.1f\n", (b - a) / d }'
}
figures() {   # figures BIN-DIR CC: one row per figure
  local X=$1 cc=$2 c
  c=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null --collect-atstart=no \
      --toggle-collect=sum_ready "$X/await_ready-$cc" async 100000 2 2>&1 >/dev/null | awk '/Collected :/ { print $4 }')
  echo "await_ready_instr $cc $(awk -v c="$c" 'BEGIN { printf "%.1f\n", c / 200000 }')"
  echo "sync_call_instr $cc $(instr "$X/sync_call-$cc" async @N@)"
  echo "suspend_resume_instr $cc $(instr "$X/suspend-$cc" yield @N@)"
  echo "await_suspending_child_instr $cc $(instr "$X/suspend-$cc" child @N@)"
  echo "await_suspending_child_ext_instr $cc $(instr "$X/suspend_ext-$cc" child_ext @N@)"
  echo "suspend_resume_promise_instr $cc $(instr "$X/suspend-$cc" pingpong @N@)"
  echo "spawn_instr $cc $(ASYNCC_WORKERS=1 instr "$X/spawn-$cc" @N@)"
}
rows=$AB/instr.tsv
: > "$rows"
for ((r = 0; r < reps; r++)); do
  for i in "${!hashes[@]}"; do
    for cc in gcc clang-19; do
      figures "$AB/${hashes[$i]}/bin" $cc | sed "s/^/$i /" >> "$rows"
    done
  done
done

# One row per figure and compiler: median (min-max) per revision.
printf '%-34s %-9s' figure cc
for n in "${names[@]}"; do printf ' %22s' "$n"; done
printf ' %8s\n' last/first
awk -v k=${#hashes[@]} '
  { key = $2 " " $3; if (!(key in seen)) { seen[key] = 1; order[++nk] = key }
    v[key, $1, ++c[key, $1]] = $4 }
  END {
    for (j = 1; j <= nk; j++) {
      key = order[j]; split(key, f, " "); printf "%-34s %-9s", f[1], f[2]
      for (i = 0; i < k; i++) {
        n = c[key, i]; delete a
        for (x = 1; x <= n; x++) a[x] = v[key, i, x] + 0
        for (x = 2; x <= n; x++) for (y = x; y > 1 && a[y - 1] > a[y]; y--) { t = a[y]; a[y] = a[y - 1]; a[y - 1] = t }
        m[i] = a[int((n + 1) / 2)]
        printf " %22s", sprintf("%.1f (%.1f-%.1f)", m[i], a[1], a[n])
      }
      printf " %8s\n", m[0] ? sprintf("%.3f", m[k - 1] / m[0]) : ""
    }
  }' "$rows"
