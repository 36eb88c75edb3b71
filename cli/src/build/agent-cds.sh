#!/usr/bin/env bash
# The agent's own AppCDS archive, built by cli/pom.xml in the package phase:
#   agent-cds.sh JAVA JAR OUT_DIR   ->   OUT_DIR/saturn-agent.classlist and OUT_DIR/saturn-agent.jsa
# Runs `saturn agent` for a few seconds on a loopback port with the classes it loads recorded, asks it
# what a scraper and a user ask (/metrics plain and gzip'd, /api/v1/use, /api/v1/history, /api/v1/profiles,
# the dashboard), stops it with SIGTERM as systemd does, and archives those classes. An archive of the
# agent's classes alone: saturn.jsa holds `saturn use`'s, and the agent then loads ~700 more from the jar
# into metaspace; with its own it holds ~1.7 MiB less RSS (measured when it was made).
# Requests use bash's /dev/tcp: no curl in the build. Never fails the build: without the archive,
# bin/saturn gives the agent saturn.jsa, as before.
set -u
java=$1 jar=$2 out=$3
list="$out/saturn-agent.classlist" jsa="$out/saturn-agent.jsa"
rm -f "$list" "$jsa"
dir="$(mktemp -d "${TMPDIR:-/tmp}/saturn-agent-cds.XXXXXX")" || exit 0
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
skip() { echo "agent-cds: $* (bin/saturn gives the agent saturn.jsa instead)" >&2; rm -f "$list" "$jsa"; exit 0; }

"$java" -Xshare:off -XX:DumpLoadedClassList="$list" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx32m \
    -cp "$jar" dev.saturn.cli.Saturn \
    agent --interval 200ms --no-trigger --listen 127.0.0.1:0 --data-dir "$dir/data" 2>"$dir/log" &
pid=$!
port=""
for _ in $(seq 150); do
    port="$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$dir/log")"
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || skip "the training agent stopped: $(head -c 300 "$dir/log")"
    sleep 0.1
done
[ -n "$port" ] || skip "the training agent did not start serving within 15 s"

get() {  # PATH [EXTRA_HEADER]
    exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n' "$1" "${2:-}" >&3
    cat <&3 >/dev/null
    exec 3<&-
}
sleep 1.5   # a few samples in the history
for round in 1 2 3; do
    for path in /metrics /api/v1/use "/api/v1/history?from=-5m" / /nothing; do
        get "$path" || skip "a request to the training agent failed"
    done
    # profiles need the agent's own token (made in its data directory at start)
    get /api/v1/profiles "Authorization: Bearer $(cat "$dir/data/token")"$'\r\n'
    get /metrics $'Accept-Encoding: gzip\r\n'
    sleep 0.3
done
kill -TERM "$pid"
wait "$pid"
pid=""
[ -s "$list" ] || skip "no class list was recorded"
"$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$jsa" -Xlog:cds=off -cp "$jar" >"$dir/dump.log" 2>&1 \
    || skip "-Xshare:dump failed: $(tail -3 "$dir/dump.log")"
