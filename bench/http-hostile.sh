#!/usr/bin/env bash
# /metrics latency of `saturn agent` with no other client, then beside 50 hostile clients and a history load,
# with Debian's prometheus-node-exporter measured the same way in the same run as the reference.
#   - scrapes: SCRAPES requests of /metrics, one every EVERY_MS ms, over one kept-alive connection with gzip
#     (as Prometheus scrapes), timed from the request to the last byte, after 20 scrapes of warm-up, in a JVM
#     of their own (the hostile clients run in another, so their garbage collections are not timed);
#   - hostile (agent/src/test/.../HostileClients.java, the load of ScrapeUnderHostileClientsTest): 20 slowloris
#     clients sending their request head a header a second, 15 idle connections, 15 slow readers (512 bytes every
#     half second through a 4 KB receive buffer) of the whole history (~FILL*10 reports), 2 loaders fetching the
#     last 20 s of history back to back. For node_exporter, which has no history, the slow readers and the
#     loaders ask for /metrics.
# The agent first fills a history at --interval 100ms for FILL seconds, then is restarted as in production
# (--interval 1s, bin/saturn's JVM flags) on that history. Prints median, p99 and max per case and the ratio of
# each hostile median and p99 to the quiet ones.
# Environment: SCRAPES (400), EVERY_MS (50), FILL (40). Needs a built tree (builds it with mvn -o if not),
# prometheus-node-exporter and python3 (a free port). Installs nothing.
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$root" || exit 2
SCRAPES="${SCRAPES:-400}"
EVERY_MS="${EVERY_MS:-50}"
FILL="${FILL:-40}"
NODE_EXPORTER="${NODE_EXPORTER:-/usr/bin/prometheus-node-exporter}"

die() { printf 'http-hostile: %s\n' "$*" >&2; exit 2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
await_http() { for _ in $(seq 1 300); do curl -fs -o /dev/null "http://127.0.0.1:$1/metrics" && return 0; sleep 0.1; done; die "nothing answers on :$1"; }

[ -x "$NODE_EXPORTER" ] || die "needs $NODE_EXPORTER: apt-get install prometheus-node-exporter"
command -v curl >/dev/null || die "needs curl"
[ -f cli/target/saturn.jar ] || mvn -q -o -DskipTests package || die "build failed"
classes=agent/target/test-classes
[ -f "$classes/dev/saturn/agent/http/HostileClients.class" ] || mvn -q -o test-compile -pl agent -am || die "test-compile failed"

tmp="$(mktemp -d /tmp/http-hostile.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

hostile_clients() { java -Xmx256m -cp "$classes" dev.saturn.agent.http.HostileClients "$@"; }
measure() { # NAME PORT MODE BIG LOAD: the scrapes in one JVM, the hostile clients (if any) in another
    local load=""
    if [ "$3" = hostile ]; then
        hostile_clients "$2" load "$4" "$5" >"$tmp/load.out" &
        load=$!
        pids+=("$load")   # killed at exit too, should the script be stopped mid-measure
        sleep 6   # every slowloris has been cut off once and is back
    fi
    local figures
    figures="$(hostile_clients "$2" quiet "$SCRAPES" "$EVERY_MS")"
    if [ -n "$load" ]; then
        kill "$load"; wait "$load" 2>/dev/null
        figures="${figures/quiet/hostile} $(tail -1 "$tmp/load.out")"
    fi
    printf '%s %s\n' "$1" "$figures"
}

port="$(free_port)"
bin/saturn agent --data-dir "$tmp/data" --listen "127.0.0.1:$port" --interval 100ms --no-trigger 2>"$tmp/fill.log" &
fill=$!
await_http "$port"
sleep "$FILL"
kill "$fill"; wait "$fill" 2>/dev/null
bin/saturn agent --data-dir "$tmp/data" --listen "127.0.0.1:$port" --interval 1s --no-trigger 2>"$tmp/agent.log" &
pids+=($!)
await_http "$port"
sleep 3
reports=$(curl -fsS "http://127.0.0.1:$port/api/v1/history?from=-10m" | grep -o '"timestamp"' | wc -l)
bytes=$(curl -fsS "http://127.0.0.1:$port/api/v1/history?from=-10m" | wc -c)
printf 'history: %s reports, %s bytes of JSON in the slow readers'\'' answer\n' "$reports" "$bytes"

nport="$(free_port)"
"$NODE_EXPORTER" --web.listen-address="127.0.0.1:$nport" >"$tmp/node.log" 2>&1 &
pids+=($!)
await_http "$nport"

{
    measure saturn "$port" quiet - -
    measure saturn "$port" hostile "/api/v1/history?from=-10m" "/api/v1/history?from=-20s"
    measure node_exporter "$nport" quiet - -
    measure node_exporter "$nport" hostile /metrics /metrics
} | tee "$tmp/results"

awk '
    { for (i = 1; i < NF; i++) v[$1 " " $2 " " $i] = $(i + 1) }
    END {
        split("saturn node_exporter", t, " ")
        for (k = 1; k <= 2; k++) {
            n = t[k]
            printf "%s: hostile/quiet median %.2f, p99 %.2f\n", n, v[n " hostile median_ms"] / v[n " quiet median_ms"], v[n " hostile p99_ms"] / v[n " quiet p99_ms"]
        }
        printf "saturn/node_exporter under hostile load: median %.2f, p99 %.2f\n", v["saturn hostile median_ms"] / v["node_exporter hostile median_ms"], v["saturn hostile p99_ms"] / v["node_exporter hostile p99_ms"]
    }' "$tmp/results"
grep -c 'http: ' "$tmp/agent.log" | sed 's/^/agent log lines about clients: /'
grep 'http: ' "$tmp/agent.log" | head -20
