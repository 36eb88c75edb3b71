#!/usr/bin/env bash
# The agent's resident memory as a user's day looks: `saturn agent --interval 1s --no-trigger` with the
# JVM flags bin/saturn picks for it, /metrics fetched once a second and, every 30 s from the 15th, what a
# person does: /api/v1/history?from=-5m, /api/v1/use and the dashboard. Prints VmRSS and VmHWM (MiB) every
# 10 s and at the end, from /proc/PID/status, and the largest mappings from /proc/PID/smaps
# (docs/performance.md#resident-memory). bench/agent-overhead.sh is the CPU comparison with node_exporter.
#
# Environment: DURATION (240), AGENT_JAVA_OPTS (none; becomes SATURN_JAVA_OPTS), REQUESTS=0 to scrape
# only. Needs a built tree and curl. Installs nothing.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 2
DURATION="${DURATION:-240}"
die() { printf 'agent-rss: %s\n' "$*" >&2; exit 2; }
command -v curl >/dev/null || die "needs curl"
[ -f cli/target/saturn.jar ] || die "cli/target/saturn.jar is not built: mvn -o -q -DskipTests package"
out="$(mktemp -d /tmp/agent-rss.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
mib() { awk -v k="$2" '$1 == k":" { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

printf '# %s, %s CPUs, load %s\n' "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '+ SATURN_JAVA_OPTS="%s" bin/saturn agent --interval 1s --no-trigger --listen 127.0.0.1:%s --data-dir %s/data\n' \
    "${AGENT_JAVA_OPTS:-}" "$port" "$out"
SATURN_JAVA_OPTS="${AGENT_JAVA_OPTS:-}" bin/saturn agent --interval 1s --no-trigger --listen "127.0.0.1:$port" \
    --data-dir "$out/data" 2>"$out/agent.log" &
agent=$!
trap 'kill $agent 2>/dev/null; wait 2>/dev/null' EXIT
for _ in $(seq 50); do curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null && break; sleep 0.2; done
kill -0 "$agent" 2>/dev/null || die "the agent did not start: $(cat "$out/agent.log")"
echo "running ${DURATION}s ..." >&2
for ((i = 0; i < DURATION; i++)); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>>"$out/curl.err" &
    if [ "${REQUESTS:-1}" != 0 ] && ((i % 30 == 15)); then
        for path in "api/v1/history?from=-5m" api/v1/use ""; do
            curl -fsS -o /dev/null "http://127.0.0.1:$port/$path" 2>>"$out/curl.err" &
        done
    fi
    sleep 1
    ((i % 10 == 9)) && printf '%4ds  VmRSS %s MiB  VmHWM %s MiB\n' $((i + 1)) "$(mib "$agent" VmRSS)" "$(mib "$agent" VmHWM)"
done
cp "/proc/$agent/smaps" "$out/smaps"
echo "largest mappings (MiB resident, of which anonymous):"
awk '/^[0-9a-f]+-[0-9a-f]+ /{ m = $2 " " ($6 == "" ? "[anon]" : $6) } /^Rss:/{ r[m] += $2 } /^Anonymous:/{ a[m] += $2 }
     END { for (k in r) if (r[k] >= 768) printf "  %6.1f %6.1f  %s\n", r[k] / 1024, a[k] / 1024, k }' "$out/smaps" | sort -rn
printf '\nRSS MiB (VmRSS at the end) %s\nRSS MiB (VmHWM, peak)      %s\n' "$(mib "$agent" VmRSS)" "$(mib "$agent" VmHWM)"
echo "# threads: $(ls "/proc/$agent/task" | wc -l); request errors: $(wc -l <"$out/curl.err"); raw data in $out"
