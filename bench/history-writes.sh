#!/usr/bin/env bash
# Bytes the agent writes per sample, as the kernel counts them (write_bytes in /proc/PID/io: the page-cache
# pages a process dirties, i.e. what writeback will put on the disk), beside sysstat's sadc in the same run.
#
# usage: bench/history-writes.sh [SECONDS]
#   SECONDS   how long both record 1-second samples (default 600)
# env:
#   SATURN_BIN   the saturn launcher (default: bin/saturn of this tree)
#   BENCH_TMP    where the files go, on the disk to measure (default /var/tmp/saturn-writes-bench; not a tmpfs:
#                tmpfs pages are never written back and are not counted)
#
# Both start together; after a 20 s warm-up (the agent's database is created, the JIT settles) write_bytes
# of each is read every 60 s for SECONDS. Printed: bytes per sample of each minute, their median, the
# whole window's, and saturn's over sadc's (ratio of the whole-window figures). sadc: `sadc 1 N FILE`,
# its default activities, the way sysstat's cron job records.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
saturn="${SATURN_BIN:-$here/bin/saturn}"
seconds="${1:-600}"
tmp="${BENCH_TMP:-/var/tmp/saturn-writes-bench}"
sadc=/usr/lib/sysstat/sadc
warmup=20
step=60

die() { echo "history-writes: $*" >&2; exit 2; }
[ -x "$saturn" ] || die "$saturn not found"
[ -n "${SATURN_BIN:-}" ] || [ -f "$here/cli/target/saturn.jar" ] || die "build first: (cd $here && mvn -q -DskipTests package)"
[ -x "$sadc" ] || die "no $sadc: apt-get install sysstat"
[ "$seconds" -ge "$step" ] || die "SECONDS must be at least $step"
[ "$(stat -f -c %T "$(dirname "$tmp")")" != tmpfs ] || die "$tmp is on a tmpfs: give BENCH_TMP on a disk"

rm -rf "$tmp" && mkdir -p "$tmp"
echo "history-writes: saturn agent --interval 1s and sadc 1 s side by side, ${warmup} s warm-up, then ${seconds} s measured" >&2

"$saturn" agent --interval 1s --listen 127.0.0.1:0 --no-trigger --data-dir "$tmp/saturn" 2>"$tmp/agent.log" &
agent=$!
"$sadc" 1 $(( warmup + seconds + 30 )) "$tmp/sa" &
sadc_pid=$!
trap 'kill -TERM $agent $sadc_pid 2>/dev/null || true' EXIT

written() { awk '/^write_bytes:/ {print $2}' "/proc/$1/io"; }
handed() { awk '/^wchar:/ {print $2}' "/proc/$1/io"; }   # bytes passed to write(): what it stores
sleep "$warmup"
kill -0 "$agent" 2>/dev/null || die "the agent stopped: $(cat "$tmp/agent.log")"
a0=$(written "$agent"); s0=$(written "$sadc_pid"); t0=$(date +%s.%N)
a_prev=$a0; s_prev=$s0; w_prev=$(handed "$agent")
a_minutes=(); s_minutes=(); w_minutes=()
for (( i = 0; i < seconds / step; i++ )); do
  sleep "$step"
  a=$(written "$agent"); s=$(written "$sadc_pid"); w=$(handed "$agent")
  a_minutes+=( $(( (a - a_prev) / step )) ); s_minutes+=( $(( (s - s_prev) / step )) ); w_minutes+=( $(( (w - w_prev) / step )) )
  a_prev=$a; s_prev=$s; w_prev=$w
done
t1=$(date +%s.%N)
elapsed=$(echo "$t1 - $t0" | bc -l)

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
a_all=$(echo "($a_prev - $a0) / $elapsed" | bc -l); s_all=$(echo "($s_prev - $s0) / $elapsed" | bc -l)
printf 'history-writes: %d s of 1 s samples, bytes written per sample (write_bytes in /proc/PID/io)\n' "$seconds"
printf '  saturn agent, each minute: %s\n' "${a_minutes[*]}"
printf '  sadc,         each minute: %s\n' "${s_minutes[*]}"
printf '  saturn agent, bytes it handed to write() each minute (wchar): %s\n' "${w_minutes[*]}"
printf '  saturn agent: median %s, whole window %.0f\n' "$(median "${a_minutes[@]}")" "$a_all"
printf '  sadc:         median %s, whole window %.0f\n' "$(median "${s_minutes[@]}")" "$s_all"
printf '  saturn / sadc: %.2f\n' "$(echo "$a_all / $s_all" | bc -l)"
printf '  saturn files: %s\n' "$(cd "$tmp/saturn" && ls -l --block-size=1 | awk 'NR > 1 {printf "%s %s  ", $9, $5}')"
