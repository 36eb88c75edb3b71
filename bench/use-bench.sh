#!/usr/bin/env bash
# The two performance targets of saturn, measured side by side in one run:
#   1. one live snapshot (every /proc and /sys reader), JMH, warm: < 2 ms, beside the CPU time
#      that one `mpstat -P ALL 1 1` plus one `iostat -x 1 1` sample costs;
#   2. `saturn use --interval 1s` wall time minus the interval, fresh JVM each run: < 0.35 s,
#      with the AppCDS archive and without it.
# Installs nothing: it needs a built tree (it builds one with mvn if the jars are missing), java,
# and for part 2 mpstat and iostat (sysstat; without them that part is skipped) and, for CPU time
# finer than bash's milliseconds, perf. Every run of part 3 is a fresh JVM; the page cache is warm
# (one untimed run per variant first), as it is for anyone who runs saturn twice.
#
# Environment: RUNS (cold starts per variant, default 15), SAMPLES (mpstat+iostat samples, 10),
# JMH_OPTS (default "-f 1 -wi 5 -i 10 -w 1s -r 1s"), BUILD=1 to rebuild first, SKIP_JMH=1,
# SKIP_STARTUP=1. Results are also left in $OUT (default a fresh directory under /tmp).
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 2
RUNS="${RUNS:-15}"
SAMPLES="${SAMPLES:-10}"
JMH_OPTS="${JMH_OPTS:--f 1 -wi 5 -i 10 -w 1s -r 1s}"
OUT="${OUT:-$(mktemp -d /tmp/use-bench.XXXXXX)}"
mkdir -p "$OUT"
saturn_jar="$root/cli/target/saturn.jar"
saturn_jsa="$root/cli/target/saturn.jsa"
bench_jar="$root/bench/jmh/target/benchmarks.jar"
java="java"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java="$JAVA_HOME/bin/java"

say() { printf '%s\n' "$*"; }
# Prints the command line, then runs it.
ran() { printf '+ %s\n' "$*"; "$@"; }

# stdin: one number per line. Prints "median p90 min max n".
stats() {
    sort -n | awk '{a[NR] = $1}
        END {
            if (NR == 0) { print "nan nan nan nan 0"; exit }
            m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
            i = int(NR * 0.9 + 0.999999); if (i < 1) i = 1
            printf "%.1f %.1f %.1f %.1f %d\n", m, a[i], a[1], a[NR], NR
        }'
}

# Runs "$@" once in a subshell; prints "wall_ms cpu_ms", cpu = user + sys of the command, from
# bash `times` (the kernel's rusage of the subshell's children, millisecond resolution). Only
# builtins run beside the command in that subshell, so nothing else is counted; the clock is
# $EPOCHREALTIME (bash 5), or date(1) on an older bash (then its fork is counted too).
wall_and_cpu() {
    local f="$OUT/.times"
    (
        if [ -n "${EPOCHREALTIME:-}" ]; then s=${EPOCHREALTIME/[.,]/}; else s=$(( $(date +%s%N) / 1000 )); fi
        "$@" >/dev/null 2>&1
        rc=$?
        if [ -n "${EPOCHREALTIME:-}" ]; then e=${EPOCHREALTIME/[.,]/}; else e=$(( $(date +%s%N) / 1000 )); fi
        { echo "$s $e $rc"; times; } >"$f"
    )
    # line 1: start end (µs) exit status; line 3 of `times`: the children's "user sys", as 0m0.004s
    awk 'NR == 1 { wall = ($2 - $1) / 1000; rc = $3 }
         NR == 3 { cpu = 0; for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); cpu += (p[1] * 60 + p[2]) * 1000 } }
         END { printf "%.1f %.1f %d\n", wall, cpu, rc }' "$f"
}

load() { say "load: $(cut -d' ' -f1-3 /proc/loadavg)  cpu psi: $(head -n1 /proc/pressure/cpu 2>/dev/null || echo n/a)"; }

say "== saturn use-bench: $(date -u '+%Y-%m-%d %H:%M:%S UTC') in $root"
say "machine: $(nproc) CPUs ($(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)), kernel $(uname -r)," \
    "$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
say "java: $("$java" -version 2>&1 | head -n 2 | tr '\n' ' ')"
say "git: $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo n/a)$(git -C "$root" diff --quiet 2>/dev/null || echo ' (with uncommitted changes)')"
load
say "results directory: $OUT"

if [ "${BUILD:-0}" = 1 ] || [ ! -f "$saturn_jar" ] || [ ! -f "$bench_jar" ]; then
    say ""
    say "== build"
    ran mvn -q -B -DskipTests package || { say "build failed"; exit 2; }
fi

# --- 1. JMH ------------------------------------------------------------------------------------
snap_score=nan; snap_err=nan; procs_score=nan; procs_err=nan; analyze_score=nan; analyze_err=nan
if [ "${SKIP_JMH:-0}" != 1 ]; then
    say ""
    say "== 1. JMH: one live snapshot, warm (SnapshotBenchmark, µs per operation)"
    # shellcheck disable=SC2086
    jmh=("$java" -jar "$bench_jar" SnapshotBenchmark $JMH_OPTS -rf csv -rff "$OUT/jmh.csv")
    say "+ ${jmh[*]}   (full output: $OUT/jmh.log)"
    "${jmh[@]}" >"$OUT/jmh.log" 2>&1
    rc=$?
    # the result table: from the "Benchmark  Mode" header to the end
    sed -n '/^Benchmark  *Mode/,$p' "$OUT/jmh.log"
    if [ $rc -ne 0 ] || [ ! -s "$OUT/jmh.csv" ]; then
        say "JMH failed (exit $rc); its output: $OUT/jmh.log"
        tail -n 20 "$OUT/jmh.log"
    else
        # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit"
        score() {
            awk -F',' -v b="\"dev.saturn.benchmarks.SnapshotBenchmark.$1\"" \
                '$1 == b { printf "%.1f %.1f\n", $5, $6 }' "$OUT/jmh.csv"
        }
        read -r snap_score snap_err < <(score snapshot)
        read -r procs_score procs_err < <(score snapshotWithProcesses)
        read -r analyze_score analyze_err < <(score analyzePair)
    fi
    say "processes on this host now: $(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)"
fi

# --- 2. mpstat + iostat ------------------------------------------------------------------------
sys_cpu=(nan nan nan nan 0)
mp_cpu=(nan nan nan nan 0)
io_cpu=(nan nan nan nan 0)
say ""
say "== 2. CPU time (user+sys) of one mpstat + iostat sample, $SAMPLES times"
# perf stat's task-clock is the process's on-CPU time in ns; bash `times` only has milliseconds,
# which is about the size of what is measured here.
if command -v perf >/dev/null && perf stat -x, -e task-clock -- true >/dev/null 2>&1; then
    cpu_how="perf stat -x, -e task-clock --"
    cpu_ms() { perf stat -x, -e task-clock -- "$@" 2>&1 >/dev/null | awk -F, '$3 == "task-clock" {print $1}'; }
else
    cpu_how="bash times (1 ms resolution; perf not usable here)"
    cpu_ms() { wall_and_cpu "$@" | awk '{print $2}'; }
fi
if command -v mpstat >/dev/null && command -v iostat >/dev/null; then
    say "+ mpstat -P ALL 1 1; iostat -x 1 1   (output discarded; CPU time by: $cpu_how; $(mpstat -V 2>&1 | head -n 1))"
    : >"$OUT/sysstat.txt"
    for ((i = 0; i < SAMPLES; i++)); do
        printf '%s %s\n' "$(cpu_ms mpstat -P ALL 1 1)" "$(cpu_ms iostat -x 1 1)" >>"$OUT/sysstat.txt"
    done
    read -r -a mp_cpu < <(awk '{print $1}' "$OUT/sysstat.txt" | stats)
    read -r -a io_cpu < <(awk '{print $2}' "$OUT/sysstat.txt" | stats)
    read -r -a sys_cpu < <(awk '{print $1 + $2}' "$OUT/sysstat.txt" | stats)
    say "mpstat -P ALL 1 1 CPU ms: median ${mp_cpu[0]} (min ${mp_cpu[2]}, max ${mp_cpu[3]})"
    say "iostat -x 1 1 CPU ms:     median ${io_cpu[0]} (min ${io_cpu[2]}, max ${io_cpu[3]})"
    say "both, CPU ms:             median ${sys_cpu[0]} p90 ${sys_cpu[1]} (n=${sys_cpu[4]})"
else
    say "skipped: mpstat or iostat not found (install sysstat)"
fi

# --- 3. cold start ------------------------------------------------------------------------------
declare -A over cpu
variants=()
if [ "${SKIP_STARTUP:-0}" != 1 ]; then
    say ""
    say "== 3. saturn use --interval 1s: wall time minus 1 s, $RUNS fresh JVMs per variant, interleaved"
    java_home="$("$java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.home/ {print $2}')"
    jdk_jsa="$java_home/lib/server/classes.jsa"
    variants=(appcds)
    declare -A opts=([appcds]="")
    say "+ appcds:  bin/saturn use --interval 1s   (archive $saturn_jsa$([ -f "$saturn_jsa" ] || echo ': MISSING'))"
    if [ -f "$jdk_jsa" ]; then
        variants+=(jdkcds)
        opts[jdkcds]="-XX:SharedArchiveFile=$jdk_jsa"
        say "+ jdkcds:  SATURN_JAVA_OPTS=\"${opts[jdkcds]}\" bin/saturn use --interval 1s   (the JDK's own CDS archive only)"
    fi
    variants+=(nocds)
    opts[nocds]="-Xshare:off"
    say "+ nocds:   SATURN_JAVA_OPTS=\"${opts[nocds]}\" bin/saturn use --interval 1s   (no class data sharing at all)"
    say "  (launcher flags: $(grep -o '^opts=(.*)' bin/saturn))"
    # one untimed run per variant: page cache and the archive's pages warm, as for any second run
    for v in "${variants[@]}"; do SATURN_JAVA_OPTS="${opts[$v]}" bin/saturn use --interval 1s >/dev/null 2>&1; done
    for v in "${variants[@]}"; do : >"$OUT/startup-$v.txt"; done
    for ((r = 0; r < RUNS; r++)); do
        for v in "${variants[@]}"; do
            SATURN_JAVA_OPTS="${opts[$v]}" wall_and_cpu bin/saturn use --interval 1s >>"$OUT/startup-$v.txt"
        done
    done
    for v in "${variants[@]}"; do
        failed=$(awk '$3 != 0' "$OUT/startup-$v.txt" | wc -l)
        [ "$failed" -gt 0 ] && say "WARNING: $failed run(s) of $v exited non-zero; their times are not counted"
        over[$v]="$(awk '$3 == 0 {print $1 - 1000}' "$OUT/startup-$v.txt" | stats)"
        cpu[$v]="$(awk '$3 == 0 {print $2}' "$OUT/startup-$v.txt" | stats)"
        read -r m p lo hi n <<<"${over[$v]}"
        read -r cm _ _ _ _ <<<"${cpu[$v]}"
        say "$(printf '%-7s overhead ms: median %6s  p90 %6s  (min %s, max %s, n=%s); CPU user+sys ms median %s' \
            "$v" "$m" "$p" "$lo" "$hi" "$n" "$cm")"
    done
fi

# --- summary ------------------------------------------------------------------------------------
say ""
say "== summary"
load
verdict() { awk -v x="$1" -v lim="$2" 'BEGIN { if (x == "nan" || x == "") print "n/a"; else if (x + 0 < lim + 0) print "PASS"; else print "FAIL" }'; }
say "$(printf '%-52s %10s ± %-8s µs   target < 2000 µs: %s' 'snapshot, no process table (JMH avg, 99.9% error)' \
    "$snap_score" "$snap_err" "$(verdict "$snap_score" 2000)")"
say "$(printf '%-52s %10s ± %-8s µs' 'snapshot with the process table' "$procs_score" "$procs_err")"
say "$(printf '%-52s %10s ± %-8s µs' 'USE analysis of a pair' "$analyze_score" "$analyze_err")"
say "$(printf '%-52s %10s ms (median of %s)' 'mpstat -P ALL 1 1 + iostat -x 1 1, CPU user+sys' "${sys_cpu[0]}" "${sys_cpu[4]}")"
ratio=$(awk -v c="${sys_cpu[0]}" -v s="$snap_score" 'BEGIN { if (c == "nan" || s == "nan" || s == 0) print "n/a"; else printf "%.1fx", c * 1000 / s }')
say "$(printf '%-52s %10s' 'ratio: mpstat+iostat CPU / one snapshot' "$ratio")"
for v in "${variants[@]}"; do
    read -r m p _ _ n <<<"${over[$v]}"
    read -r cm _ _ _ _ <<<"${cpu[$v]}"
    extra=""
    [ "$v" = appcds ] && extra="   target < 350 ms: $(verdict "$m" 350)"
    say "$(printf '%-52s %10s ms, p90 %s ms, CPU %s ms%s' "saturn use --interval 1s overhead, $v" "$m" "$p" "$cm" "$extra")"
done
say "raw data: $OUT"
