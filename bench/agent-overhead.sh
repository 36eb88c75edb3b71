#!/usr/bin/env bash
# The agent's overhead beside Debian's prometheus-node-exporter, both running at once on this host:
#   - `saturn agent --interval 1s` (its own sampling every second) with the JVM flags of
#     docs/operations.md, scraped on /metrics once a second;
#   - prometheus-node-exporter with only the collectors that cover the USE checklist, scraped on
#     /metrics once a second (node_exporter reads /proc and /sys when scraped, so a scrape is its sample).
# The scraper is a real Prometheus server (SCRAPER=prometheus, the default where /usr/bin/prometheus is
# installed): scrape_interval 1s for both targets, kept-alive connections and gzip, as in production.
# SCRAPER=curl scrapes both with a new curl process (a new connection, no gzip) each second instead.
# After a warm-up (WARMUP seconds, startup excluded), each of ROUNDS windows of DURATION seconds reads
# utime+stime of each whole process from /proc/PID/stat before and after, and prints the CPU milliseconds
# per sample of both and their ratio; the median window is the figure. RSS is VmRSS at the end and the
# high-water mark VmHWM, from /proc/PID/status.
#
# Triggered profiling is off (--no-trigger): a profile is an event (10 s of perf, at most one every 10
# minutes, fired by this host's own load, e.g. a build beside the bench), not the cost of a sample;
# TRIGGER=1 leaves the agent's default triggers on, and the script says when one fired in a window.
#
# SLEEPERS=N starts N sleeping processes first (children of one shell, killed at the end), for the cost of the
# process walk on a host with many processes; PROCESSES=1 runs the agent with --processes (the process table each sample; off by default).
#
# Environment: DURATION (60), WARMUP (10), ROUNDS (1), TRIGGER (0), SLEEPERS (0), PROCESSES (0), AGENT_JAVA_OPTS (none), SCRAPER, BUILD=1 to
# rebuild first. Needs a built tree (builds it if cli/target/saturn.jar is missing), curl and
# prometheus-node-exporter (apt-get install prometheus-node-exporter; the package's own service, if
# systemd started one on :9100, is left alone: this script uses other ports). Installs nothing.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 2
DURATION="${DURATION:-60}"
WARMUP="${WARMUP:-10}"
ROUNDS="${ROUNDS:-1}"
# bin/saturn's own flags for the agent, as the systemd unit runs it (docs/operations.md explains each);
# AGENT_JAVA_OPTS adds to or overrides them (it becomes SATURN_JAVA_OPTS), MALLOC_ARENA_MAX likewise.
AGENT_JAVA_OPTS="${AGENT_JAVA_OPTS:-}"
agent_args=(--interval 1s)
[ "${TRIGGER:-0}" = 1 ] || agent_args+=(--no-trigger)
[ "${PROCESSES:-0}" = 1 ] && agent_args+=(--processes)
SLEEPERS="${SLEEPERS:-0}"
OUT="${OUT:-$(mktemp -d /tmp/agent-overhead.XXXXXX)}"
mkdir -p "$OUT" || { echo "agent-overhead: cannot make $OUT" >&2; exit 2; }
NODE_EXPORTER="${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}"
PROMETHEUS="${PROMETHEUS:-/usr/bin/prometheus}"
if [ -z "${SCRAPER:-}" ]; then
    if [ -x "$PROMETHEUS" ]; then SCRAPER=prometheus; else SCRAPER=curl; fi
fi
# The USE checklist's sources in node_exporter: CPU (cpu, stat, loadavg, pressure), memory (meminfo,
# vmstat: paging, OOM kills, pressure), disks (diskstats), file systems (filesystem), network (netdev,
# netstat: TCP retransmits, errors), file descriptors (filefd), hardware errors (edac).
NODE_COLLECTORS=(--collector.disable-defaults --collector.cpu --collector.stat --collector.loadavg --collector.pressure
  --collector.meminfo --collector.vmstat --collector.diskstats --collector.filesystem --collector.netdev
  --collector.netstat --collector.filefd --collector.edac)

say() { printf '%s\n' "$*"; }
die() { printf 'agent-overhead: %s\n' "$*" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# utime+stime of a whole process (every thread, living or gone), in clock ticks.
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
# Per thread: "tid name user+sys" lines, for where the agent's CPU goes.
threads() { for t in /proc/"$1"/task/*; do printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ <"$t/comm")" "$(ticks "$1/task/${t##*/}")"; done 2>/dev/null | sort; }
samples() { curl -fsS "http://127.0.0.1:$1/metrics" | awk '$1 == "saturn_agent_samples_total" { print $2 }'; }

command -v curl >/dev/null || die "needs curl"
case "$SCRAPER" in
    prometheus) [ -x "$PROMETHEUS" ] || die "SCRAPER=prometheus needs $PROMETHEUS: apt-get install prometheus (or SCRAPER=curl)" ;;
    curl) ;;
    *) die "SCRAPER is prometheus or curl, not '$SCRAPER'" ;;
esac
[ -x "$NODE_EXPORTER" ] || die "needs $NODE_EXPORTER: apt-get install prometheus-node-exporter"
if [ "${BUILD:-0}" = 1 ] || [ ! -f cli/target/saturn.jar ]; then
    say "+ mvn -o -q -DskipTests package"
    mvn -o -q -DskipTests package || die "build failed"
fi
hz="$(getconf CLK_TCK)"

agent_port="$(free_port)"
node_port="$(free_port)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

if [ "$SLEEPERS" -gt 0 ]; then
    sh -c 'i=0; while [ $i -lt '"$SLEEPERS"' ]; do sleep 100000 & i=$((i+1)); done; wait' &
    sleepers=$!
    pids+=("$sleepers")
    cleanup() {
        pkill -P "$sleepers" 2>/dev/null  # the sleepers first, while they are still the shell's children
        for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
        wait 2>/dev/null
    }
    for _ in $(seq 100); do [ "$(pgrep -c -P "$sleepers")" -ge "$SLEEPERS" ] && break; sleep 0.1; done
    say "# $SLEEPERS sleeping processes started (children of $sleepers); $(ls -d /proc/[0-9]* 2>/dev/null | wc -l) processes in all"
fi
say "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1), $("$NODE_EXPORTER" --version 2>&1 | head -1)"
say "+ SATURN_JAVA_OPTS=\"$AGENT_JAVA_OPTS\" bin/saturn agent ${agent_args[*]} --listen 127.0.0.1:$agent_port --data-dir $OUT/data"
SATURN_JAVA_OPTS="$AGENT_JAVA_OPTS" bin/saturn agent "${agent_args[@]}" --listen "127.0.0.1:$agent_port" --data-dir "$OUT/data" \
    2>"$OUT/agent.log" &
agent=$!
pids+=("$agent")
say "+ $NODE_EXPORTER --web.listen-address=127.0.0.1:$node_port ${NODE_COLLECTORS[*]}"
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$node_port" "${NODE_COLLECTORS[@]}" 2>"$OUT/node_exporter.log" &
node=$!
pids+=("$node")

if [ "$SCRAPER" = prometheus ]; then
    prom_port="$(free_port)"
    cat >"$OUT/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
scrape_configs:
  - job_name: saturn
    static_configs: [{targets: ["127.0.0.1:$agent_port"]}]
  - job_name: node
    static_configs: [{targets: ["127.0.0.1:$node_port"]}]
YAML
    say "+ $PROMETHEUS --config.file=$OUT/prometheus.yml --storage.tsdb.path=$OUT/tsdb --web.listen-address=127.0.0.1:$prom_port (scrapes both once a second)"
    "$PROMETHEUS" --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/tsdb" \
        --web.listen-address="127.0.0.1:$prom_port" 2>"$OUT/prometheus.log" &
    pids+=("$!")
fi

# Both scraped once a second: by Prometheus, or here with curl on the second (its stdout and stderr kept).
scrape_for() {
    if [ "$SCRAPER" = prometheus ]; then
        sleep "$1"
        curl -fsS -o "$OUT/agent.metrics" "http://127.0.0.1:$agent_port/metrics" 2>>"$OUT/scrape.err"
        curl -fsS -o "$OUT/node.metrics" "http://127.0.0.1:$node_port/metrics" 2>>"$OUT/scrape.err"
        return
    fi
    local seconds=$1 i next c1 c2 now
    next=${EPOCHREALTIME/./}
    for ((i = 0; i < seconds; i++)); do
        curl -fsS -o "$OUT/agent.metrics" "http://127.0.0.1:$agent_port/metrics" 2>>"$OUT/scrape.err" &
        c1=$!
        curl -fsS -o "$OUT/node.metrics" "http://127.0.0.1:$node_port/metrics" 2>>"$OUT/scrape.err" &
        c2=$!
        wait "$c1" "$c2"
        next=$((next + 1000000))
        now=${EPOCHREALTIME/./}
        if ((next > now)); then sleep "$(awk -v us=$((next - now)) 'BEGIN { printf "%.6f", us / 1e6 }')"; fi
    done
}

for _ in $(seq 50); do
    samples "$agent_port" >/dev/null 2>&1 && curl -fsS -o /dev/null "http://127.0.0.1:$node_port/metrics" 2>/dev/null && break
    sleep 0.2
done
kill -0 "$agent" 2>/dev/null || die "the agent did not start: $(cat "$OUT/agent.log")"
kill -0 "$node" 2>/dev/null || die "node_exporter did not start: $(cat "$OUT/node_exporter.log")"
say "# the agent's JVM: $(tr '\0' ' ' <"/proc/$agent/cmdline" | sed 's/ -cp .*//') $(tr '\0' '\n' <"/proc/$agent/environ" | grep '^MALLOC_ARENA_MAX=')"
say "warming up for ${WARMUP}s (startup is excluded), then $ROUNDS window(s) of ${DURATION}s ..." >&2
scrape_for "$WARMUP"

: >"$OUT/rounds.txt"
for ((r = 1; r <= ROUNDS; r++)); do
    threads "$agent" >"$OUT/threads0"
    a0=$(ticks "$agent"); n0=$(ticks "$node"); s0=$(samples "$agent_port")
    scrape_for "$DURATION"
    a1=$(ticks "$agent"); n1=$(ticks "$node"); s1=$(samples "$agent_port")
    threads "$agent" >"$OUT/threads1"
    fired=$(grep -c 'triggered profile:' "$OUT/agent.log")
    [ "$fired" -gt "${fired_before:-0}" ] && say "round $r: a triggered profile ran in this window (see $OUT/agent.log): it is in the figure"
    fired_before=$fired
    say "round $r: agent threads by CPU ticks in the window: $(join "$OUT/threads0" "$OUT/threads1" | awk '$5 > $3 { print $5 - $3, $2 }' | sort -rn | head -6 | tr '\n' ',' | sed 's/,$//; s/,/, /g')"
    awk -v a=$((a1 - a0)) -v n=$((n1 - n0)) -v s=$((s1 - s0)) -v d="$DURATION" -v hz="$hz" -v r="$r" 'BEGIN {
        am = a * 1000 / hz / s; nm = n * 1000 / hz / d
        printf "round %d: agent %.2f ms CPU/sample (%d samples, %d ticks), node_exporter %.2f ms CPU/scrape (%d scrapes, %d ticks), ratio %.2f\n",
            r, am, s, a, nm, d, n, (nm > 0 ? am / nm : 0)
        printf "%.4f %.4f\n", am, nm > "/dev/stderr" }' 2>>"$OUT/rounds.txt"
done

agent_rss=$(kib "$agent" VmRSS); agent_hwm=$(kib "$agent" VmHWM)
node_rss=$(kib "$node" VmRSS); node_hwm=$(kib "$node" VmHWM)
if [ "$SCRAPER" = prometheus ]; then
    # Prometheus's own count of the scrapes it made in the last window, and whether they all succeeded.
    # "job value, job value" of an instant PromQL query
    per_job() { curl -fsS "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" |
        python3 -c 'import json,sys; print(", ".join(r["metric"]["job"] + " " + r["value"][1] for r in json.load(sys.stdin)["data"]["result"]))' 2>&1; }
    say "# Prometheus: scrapes per target in the last ${DURATION}s and their success: $(per_job "count_over_time(up[${DURATION}s])"); up: $(per_job "min_over_time(up[${DURATION}s])")"
fi
sort -n -k1,1 "$OUT/rounds.txt" | awk -v ar="$agent_rss" -v ah="$agent_hwm" -v nr="$node_rss" -v nh="$node_hwm" '
    { a[NR] = $1; n[NR] = $2 }
    END {
        # the median window (by the agent figure), the mean of the middle two for an even count
        lo = int((NR + 1) / 2); hi = int(NR / 2) + 1
        am = (a[lo] + a[hi]) / 2; nm = (n[lo] + n[hi]) / 2
        printf "\n%-34s %12s %16s %8s\n", "", "saturn agent", "node_exporter", "ratio"
        printf "%-34s %12.2f %16.2f %8.2f\n", "CPU ms per sample (median window)", am, nm, (nm > 0 ? am / nm : 0)
        printf "%-34s %12.1f %16.1f %8.2f\n", "RSS MiB (VmRSS at the end)", ar / 1024, nr / 1024, ar / nr
        printf "%-34s %12.1f %16.1f %8.2f\n", "RSS MiB (VmHWM, peak)", ah / 1024, nh / 1024, ah / nh
    }'
say "# scrape sizes: agent $(wc -c <"$OUT/agent.metrics") bytes, node_exporter $(wc -c <"$OUT/node.metrics") bytes; scrape errors: $(wc -l <"$OUT/scrape.err"); load $(cut -d' ' -f1-3 /proc/loadavg); raw data in $OUT"
