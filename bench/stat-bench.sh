#!/usr/bin/env bash
# saturn stat against perf stat, side by side: both count the same process over the same window in
# each run; /proc/PID/stat utime+stime over the window is the referee.
#
# usage: bench/stat-bench.sh
# env:
#   BENCH_RUNS      runs; the median is reported (default 5)
#   BENCH_SECONDS   counting window per run (default 3)
#   SATURN_BIN      the saturn launcher (default: bin/saturn of this tree)
#
# The workload: a JVM with two threads burning CPU (dev.saturn.cli.StatBurner of the cli test classes:
# mvn -o -q -DskipTests package && mvn -o -q -pl cli -am test-compile).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
saturn="${SATURN_BIN:-$here/bin/saturn}"
runs="${BENCH_RUNS:-5}"
seconds="${BENCH_SECONDS:-3}"
tmp="$(mktemp -d /tmp/saturn-stat-bench.XXXXXX)"
trap 'kill "$burner" 2>/dev/null || true; rm -rf "$tmp"' EXIT

die() { echo "stat-bench: $*" >&2; exit 2; }
command -v perf >/dev/null || die "perf not found (apt-get install linux-perf)"
[ -d "$here/cli/target/test-classes" ] || die "build the test classes first: mvn -o -q -pl cli -am test-compile"

cpu_seconds() { awk '{ sub(/.*\) /, ""); split($0, f, " "); printf "%.2f", (f[12] + f[13]) / 100 }' "/proc/$1/stat"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

java -cp "$here/cli/target/test-classes" dev.saturn.cli.StatBurner $(( (runs * (seconds + 3) + 30) * 1000 )) > "$tmp/burner.out" &
burner=$!
until grep -q ready "$tmp/burner.out" 2>/dev/null; do sleep 0.1; done

echo "stat-bench: $runs runs of ${seconds} s on PID $burner (2 burning threads), $(nproc) CPUs, $(uname -r)"
printf '%4s %12s %12s %12s %10s %10s %14s %14s\n' run "perf tc(s)" "saturn tc(s)" "/proc(s)" "sat/perf" "sat/proc" "perf cpu(s)" "saturn cpu(s)"
for i in $(seq "$runs"); do
    # saturn first; perf once saturn says it counts (perf starts in ~10 ms, the JVM in ~0.3 s), so that
    # the two windows are the same within perf's start-up; /proc is read at both ends of perf's window
    /usr/bin/time -f '%U %S' -o "$tmp/saturn.time" "$saturn" stat -p "$burner" --duration "${seconds}s" --json \
        > "$tmp/saturn.json" 2> "$tmp/saturn.err" &
    s=$!
    until grep -q 'counting process' "$tmp/saturn.err" 2>/dev/null; do sleep 0.005; done
    before=$(cpu_seconds "$burner")
    /usr/bin/time -f '%U %S' -o "$tmp/perf.time" perf stat -x, -e task-clock -p "$burner" -- sleep "$seconds" 2> "$tmp/perf.csv"
    after=$(cpu_seconds "$burner")
    wait "$s"
    perf_s=$(awk -F, '/task-clock/ { printf "%.3f", $1 / 1000 }' "$tmp/perf.csv")
    saturn_s=$(python3 -c 'import json,sys; print("%.3f" % (json.load(open(sys.argv[1]))["events"][0]["value"] / 1e9))' "$tmp/saturn.json")
    proc_s=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.2f", a - b }')
    printf '%4d %12s %12s %12s %10.3f %10.3f %14s %14s\n' "$i" "$perf_s" "$saturn_s" "$proc_s" \
        "$(awk -v a="$saturn_s" -v b="$perf_s" 'BEGIN { print a / b }')" "$(awk -v a="$saturn_s" -v b="$proc_s" 'BEGIN { print a / b }')" \
        "$(awk '{ print $1 + $2 }' "$tmp/perf.time")" "$(awk '{ print $1 + $2 }' "$tmp/saturn.time")" | tee -a "$tmp/rows"
done
echo "median saturn/perf task-clock: $(awk '{ print $5 }' "$tmp/rows" | median)," \
    "saturn/(utime+stime): $(awk '{ print $6 }' "$tmp/rows" | median)," \
    "CPU time of the counting command itself: perf $(awk '{ print $7 }' "$tmp/rows" | median) s, saturn $(awk '{ print $8 }' "$tmp/rows" | median) s"
