#!/usr/bin/env bash
# The slowdown of a CPU-bound Java workload while saturn profiles it at 99 Hz, through perf and through
# async-profiler, against no profiling: the same fixed work (bench/ProfileWorkload.java, which times
# itself), RUNS times in each mode, interleaved (plain, perf, async-profiler, plain, ...), medians.
#
# usage: bench/profile-overhead.sh
# env:
#   BENCH_RUNS    runs per mode (default 5)
#   BENCH_ROUNDS  work rounds of the workload (default 2000, about 3 s here)
#   BENCH_HZ      sampling frequency (default 99)
#   BENCH_TMP     scratch directory (default /tmp/saturn-profile-bench)
#   SATURN_BIN    the saturn launcher (default: bin/saturn of this tree)
#   JAVA_OPTS     extra options for the workload JVM (e.g. -XX:+PreserveFramePointer)
# Needs perf and root (or perf_event_paranoid <= 2 and the workload as your own user).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
saturn="${SATURN_BIN:-$here/bin/saturn}"
runs="${BENCH_RUNS:-5}"
rounds="${BENCH_ROUNDS:-2000}"
hz="${BENCH_HZ:-99}"
tmp="${BENCH_TMP:-/tmp/saturn-profile-bench}"
java_opts="${JAVA_OPTS:-}"

die() { echo "profile-overhead: $*" >&2; exit 2; }
[ -x "$saturn" ] || die "$saturn not found"
[ -n "${SATURN_BIN:-}" ] || [ -f "$here/cli/target/saturn.jar" ] || die "build first: (cd $here && mvn -q -DskipTests package)"
command -v perf >/dev/null || die "perf is not installed (Debian: apt-get install linux-perf)"
mkdir -p "$tmp"
rm -f "$tmp"/*.runs "$tmp"/*.cpu
javac -d "$tmp" "$here/bench/ProfileWorkload.java"

# One run in mode $1 (plain, perf, async): appends the workload's own elapsed ms to $tmp/$1.runs and
# its process CPU ms (all its threads, the profiler's signal handlers included) to $tmp/$1.cpu.
run_once() {
  local mode=$1 out="$tmp/workload.out" go="$tmp/go" pid profiler=""
  : > "$out"
  rm -f "$go"
  # shellcheck disable=SC2086
  java $java_opts -cp "$tmp" ProfileWorkload "$rounds" "$go" > "$out" &
  pid=$!
  until grep -q ready "$out"; do sleep 0.05; done
  : > "$tmp/$mode.err"
  case $mode in
    perf) "$saturn" profile -p "$pid" --java=false -F "$hz" -d 10m -o "$tmp/perf.svg" 2> "$tmp/perf.err" & profiler=$! ;;
    async) "$saturn" profile -p "$pid" -F "$hz" -d 10m -o "$tmp/async.svg" 2> "$tmp/async.err" & profiler=$! ;;
  esac
  # the timed work starts once saturn says it is sampling (attach and start-up are not measured)
  [ -z "$profiler" ] || until grep -q "saturn: profiling" "$tmp/$mode.err"; do
    kill -0 "$profiler" 2>/dev/null || { cat "$tmp/$mode.err" >&2; die "saturn profile exited in mode $mode"; }
    sleep 0.05
  done
  : > "$go"
  wait "$pid"
  if [ -n "$profiler" ]; then
    wait "$profiler" || { cat "$tmp/$mode.err" >&2; die "saturn profile failed in mode $mode"; }
    grep -q "Profile of $pid" "$tmp/$mode.svg" || die "no flame graph from mode $mode"
  fi
  awk '/^elapsed_ms/ { print $2 }' "$out" >> "$tmp/$mode.runs"
  awk '/^elapsed_ms/ { print $4 }' "$out" >> "$tmp/$mode.cpu"
}

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "$(date -u '+%Y-%m-%d %H:%M UTC') saturn profile overhead: $runs runs per mode, interleaved, $rounds rounds, $hz Hz, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  for mode in plain perf async; do
    run_once "$mode"
  done
  echo "  run $i (wall/cpu ms): plain $(tail -1 "$tmp/plain.runs")/$(tail -1 "$tmp/plain.cpu"), perf $(tail -1 "$tmp/perf.runs")/$(tail -1 "$tmp/perf.cpu"), async-profiler $(tail -1 "$tmp/async.runs")/$(tail -1 "$tmp/async.cpu")"
done
plain=$(median "$tmp/plain.runs")
plain_cpu=$(median "$tmp/plain.cpu")
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f%%", (a / b - 1) * 100 }'; }
printf '%-16s %14s %9s %13s %9s\n' mode "median wall ms" slowdown "median cpu ms" "more cpu"
for mode in plain perf async; do
  m=$(median "$tmp/$mode.runs")
  c=$(median "$tmp/$mode.cpu")
  printf '%-16s %14s %9s %13s %9s\n' "$([ $mode = async ] && echo async-profiler || echo $mode)" "$m" "$(pct "$m" "$plain")" "$c" "$(pct "$c" "$plain_cpu")"
done
echo "(each run: java ProfileWorkload $rounds; perf: saturn profile -p PID --java=false -F $hz; async-profiler: saturn profile -p PID -F $hz)"
