#!/usr/bin/env bash
# The agent's CPU per sample of this tree against other built trees (other commits), side by side: AGENTS
# agents of each tree (`saturn agent --interval 1s --no-trigger`, the JVM flags of bin/saturn), all running
# at once and all scraped once a second by one real Prometheus. One JVM's JIT can differ from the next by
# 10 %, as much as a change being measured, so one agent a tree shows little: the figures are the median
# agent of each tree and each tree's total against this one's.
#
# After WARMUP seconds (start-up excluded), one window of DURATION seconds reads utime+stime of each agent
# from /proc/PID/stat and its sample count from its own /metrics, before and after.
#
#   bench/agent-compare.sh /tmp/base [DIR...]   # each DIR a clone of another commit, built (mvn -o -q -DskipTests package)
#
# Environment: AGENTS (3), WARMUP (60), DURATION (120), PROMETHEUS (/usr/bin/prometheus), OUT (a temp dir).
# Needs both trees built, curl, python3 and prometheus. Installs nothing.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
AGENTS="${AGENTS:-3}"
WARMUP="${WARMUP:-60}"
DURATION="${DURATION:-120}"
PROMETHEUS="${PROMETHEUS:-/usr/bin/prometheus}"
OUT="${OUT:-$(mktemp -d /tmp/agent-compare.XXXXXX)}"

die() { printf 'agent-compare: %s\n' "$*" >&2; exit 2; }
[ $# -gt 0 ] || die "give the trees to compare with: bench/agent-compare.sh DIR... (clones of other commits, built)"
trees=("$root")
for dir in "$@"; do trees+=("$(cd "$dir" 2>/dev/null && pwd)") || die "no directory $dir"; done
for tree in "${trees[@]}"; do
    [ -x "$tree/bin/saturn" ] && [ -f "$tree/cli/target/saturn.jar" ] || die "$tree is not built: (cd $tree && mvn -o -q -DskipTests package)"
done
[ -x "$PROMETHEUS" ] || die "needs $PROMETHEUS: apt-get install prometheus"
command -v curl >/dev/null || die "needs curl"
mkdir -p "$OUT" || die "cannot make $OUT"
hz="$(getconf CLK_TCK)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
samples() { curl -fsS "http://127.0.0.1:$1/metrics" | awk '$1 == "saturn_agent_samples_total" { print $2 }'; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; }
trap cleanup EXIT

# A tree's name: its commit and directory (two builds of one commit may differ). agents[i] = "name pid port",
# interleaved so that no tree starts all its JVMs first.
name_of() { printf '%s@%s' "$(git -C "$1" log -1 --format=%h 2>/dev/null)" "$(basename "$1")"; }
declare -A names
for tree in "${trees[@]}"; do names[$tree]="$(name_of "$tree")"; done
agents=()
targets=""
for ((i = 1; i <= AGENTS; i++)); do
    for tree in "${trees[@]}"; do
        name="${names[$tree]}"
        port="$(free_port)"
        "$tree/bin/saturn" agent --interval 1s --no-trigger --listen "127.0.0.1:$port" --data-dir "$OUT/$name-$i" \
            2>"$OUT/$name-$i.log" &
        pids+=("$!")
        agents+=("$name $! $port")
        targets+="\"127.0.0.1:$port\","
    done
done
cat >"$OUT/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 900ms
scrape_configs:
  - job_name: saturn
    static_configs: [{targets: [${targets%,}]}]
YAML
"$PROMETHEUS" --config.file="$OUT/prometheus.yml" --storage.tsdb.path="$OUT/tsdb" \
    --web.listen-address="127.0.0.1:$(free_port)" 2>"$OUT/prometheus.log" &
pids+=("$!")

printf '# %s, %s CPUs, load %s, %s agents of each tree: %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)" "$AGENTS" "$(for t in "${trees[@]}"; do printf '%s ' "${names[$t]}"; done)"
for a in "${agents[@]}"; do
    read -r name pid port <<<"$a"
    for _ in $(seq 100); do samples "$port" >/dev/null 2>&1 && break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null || die "an agent of $name did not start: $(cat "$OUT/$name"-*.log)"
done
echo "warming up for ${WARMUP}s, then a window of ${DURATION}s ..." >&2
sleep "$WARMUP"
declare -A t0 s0
for a in "${agents[@]}"; do read -r name pid port <<<"$a"; t0[$pid]=$(ticks "$pid"); s0[$pid]=$(samples "$port"); done
sleep "$DURATION"
: >"$OUT/agents.txt"
for a in "${agents[@]}"; do
    read -r name pid port <<<"$a"
    if ! t1=$(ticks "$pid" 2>/dev/null) || ! s1=$(samples "$port" 2>/dev/null) || [ -z "$s1" ]; then
        echo "an agent of $name ended during the window (left out): $(tail -2 "$OUT/$name"-*.log | tr '\n' ' ')" >&2
        continue
    fi
    printf '%s %d %d\n' "$name" $((t1 - t0[$pid])) $((s1 - s0[$pid])) >>"$OUT/agents.txt"
done
awk -v hz="$hz" -v this="${names[$root]}" '
    { ms = $2 * 1000 / hz / $3; fig[$1] = fig[$1] sprintf(" %.2f", ms); list[$1, ++n[$1]] = ms; ticks[$1] += $2; count[$1] += $3 }
    function median(t,   i, j, k, v, m) {
        m = n[t]; for (i = 1; i <= m; i++) v[i] = list[t, i]
        for (i = 2; i <= m; i++) { k = v[i]; for (j = i - 1; j > 0 && v[j] > k; j--) v[j + 1] = v[j]; v[j + 1] = k }
        return (v[int((m + 1) / 2)] + v[int(m / 2) + 1]) / 2 }
    END {
        for (t in n) printf "%-12s CPU ms a sample:%s; median %.2f (%.2f of %s), total %d ticks / %d samples (%.2f of %s)\n",
            t, fig[t], median(t), median(t) / median(this), this, ticks[t], count[t],
            (ticks[t] / count[t]) / (ticks[this] / count[this]), this }' "$OUT/agents.txt"
echo "# load $(cut -d' ' -f1-3 /proc/loadavg); raw data in $OUT"
