#!/usr/bin/env bash
# The cost of the ring of recent stacks (docs/agent.md#the-seconds-before-the-trigger): two agents side by side,
# the same but for --no-ring, each with a trigger that never fires, for DURATION seconds after a WARMUP. Reports,
# for each, the CPU milliseconds per second of the agent JVM and of any perf process below it (utime + stime
# from /proc/PID/stat: the ring samples from the JVM through perf_event_open, or runs perf record where the
# kernel refuses that), and the resident memory (VmRSS, and Pss, which counts shared pages such as perf's own
# binary once between processes) of each, then the difference (docs/performance.md#the-ring-of-recent-stacks).
#
# Environment: DURATION (120), WARMUP (30). Needs a built tree, perf, root (or perf_event_paranoid <= 0) and curl.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 2
DURATION="${DURATION:-120}"
WARMUP="${WARMUP:-30}"
die() { printf 'agent-ring: %s\n' "$*" >&2; exit 2; }
command -v curl >/dev/null || die "needs curl"
command -v perf >/dev/null || die "needs perf"
[ -f cli/target/saturn.jar ] || die "cli/target/saturn.jar is not built: mvn -o -q -DskipTests package"
out="$(mktemp -d /tmp/agent-ring.XXXXXX)"
hz=$(getconf CLK_TCK)
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# pid and its descendants
tree() { local p=$1 c; echo "$p"; for c in $(cat /proc/"$p"/task/*/children 2>/dev/null); do tree "$c"; done; }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
status_kb() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
pss_kb() { awk '$1 == "Pss:" { print $2 }' "/proc/$1/smaps_rollup" 2>/dev/null || echo 0; }

printf '# %s, %s CPUs, load %s, %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$(perf --version)"
declare -A agent
for mode in on off; do
    port=$(free_port)
    flag=""; [ "$mode" = off ] && flag="--no-ring"
    printf '+ bin/saturn agent --interval 1s --trigger "cpu.utilization>=100%%for1h" --listen 127.0.0.1:%s --data-dir %s %s\n' \
        "$port" "$out/$mode" "$flag"
    bin/saturn agent --interval 1s --trigger 'cpu.utilization>=100%for1h' --listen "127.0.0.1:$port" --data-dir "$out/$mode" \
        $flag 2>"$out/$mode.log" &
    agent[$mode]=$!
    for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && break; sleep 0.2; done
    kill -0 "${agent[$mode]}" 2>/dev/null || die "the agent did not start: $(cat "$out/$mode.log")"
done
trap 'kill ${agent[on]} ${agent[off]} 2>/dev/null; wait 2>/dev/null' EXIT
echo "warming up ${WARMUP}s, then measuring ${DURATION}s ..." >&2
sleep "$WARMUP"
declare -A start pids
for mode in on off; do
    pids[$mode]="$(tree "${agent[$mode]}" | tr '\n' ' ')"
    for p in ${pids[$mode]}; do start[$p]=$(ticks "$p"); done
done
sleep "$DURATION"
printf '\n%-5s %-8s %-12s %10s %10s %10s\n' ring pid process "CPU ms/s" "RSS MiB" "Pss MiB"
declare -A cpu rss pss
for mode in on off; do
    cpu[$mode]=0; rss[$mode]=0; pss[$mode]=0
    for p in ${pids[$mode]}; do
        [ -e "/proc/$p" ] || { echo "$mode: process $p ended during the run: its CPU is not counted" >&2; continue; }
        ms=$(awk -v a="${start[$p]}" -v b="$(ticks "$p")" -v hz="$hz" -v d="$DURATION" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / d }')
        r=$(status_kb "$p" VmRSS); s=$(pss_kb "$p")
        name=$(tr '\0' ' ' <"/proc/$p/cmdline" | awk '{ n = $1; sub(".*/", "", n); print n ($2 == "record" || $2 == "script" ? " " $2 : "") }')
        printf '%-5s %-8s %-12s %10s %10.1f %10.1f\n' "$mode" "$p" "$name" "$ms" "$(echo "$r/1024" | bc -l)" "$(echo "$s/1024" | bc -l)"
        cpu[$mode]=$(echo "${cpu[$mode]} + $ms" | bc -l); rss[$mode]=$((rss[$mode] + r)); pss[$mode]=$((pss[$mode] + s))
    done
done
printf '\n%-22s %10s %10s %10s\n' "" "CPU ms/s" "RSS MiB" "Pss MiB"
for mode in on off; do
    printf '%-22s %10.2f %10.1f %10.1f\n' "ring $mode (all processes)" "${cpu[$mode]}" "$(echo "${rss[$mode]}/1024" | bc -l)" "$(echo "${pss[$mode]}/1024" | bc -l)"
done
printf '%-22s %10.2f %10.1f %10.1f   (targets: 10 ms/s = 1 %% of a CPU, 16 MiB)\n' "the ring's cost" "$(echo "${cpu[on]} - ${cpu[off]}" | bc -l)" \
    "$(echo "(${rss[on]} - ${rss[off]})/1024" | bc -l)" "$(echo "(${pss[on]} - ${pss[off]})/1024" | bc -l)"
curl -fsS "http://127.0.0.1:$(grep -o '127.0.0.1:[0-9]*' "$out/on.log" | head -1 | cut -d: -f2)/api/v1/profiles" -H "Authorization: Bearer $(cat "$out/on/token")" 2>/dev/null \
    | python3 -c 'import json,sys; print("ring:", json.load(sys.stdin)["ring"])' 2>/dev/null
echo "# raw data and logs in $out"
