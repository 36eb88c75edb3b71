#!/usr/bin/env bash
# Bytes on disk per sample: saturn agent's history against sysstat's sadc, same machine, same run.
#
# usage: bench/history-size.sh [SAMPLES]
#   SAMPLES   how many samples the agent writes (default 3600, at --interval 100ms: 6 minutes)
# env:
#   SADC_SAMPLES  how many 1-second samples sadc writes (default 60)
#   SATURN_BIN    the saturn launcher (default: bin/saturn of this tree)
#   BENCH_TMP     where the files go (default /tmp/saturn-history-bench)
#
# saturn: the size of history.db after the agent stopped (SIGTERM checkpoints the WAL into it),
# over the number of samples it holds; the file includes the schema and layout pages.
# sadc: (size after SADC_SAMPLES+1 samples - size after 1) / SADC_SAMPLES, i.e. without its header,
# for its default activities and for -S XALL (everything, as `sar -A` reads).
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
saturn="${SATURN_BIN:-$here/bin/saturn}"
samples="${1:-3600}"
sadc_samples="${SADC_SAMPLES:-60}"
tmp="${BENCH_TMP:-/tmp/saturn-history-bench}"
sadc=/usr/lib/sysstat/sadc

die() { echo "history-size: $*" >&2; exit 2; }
[ -x "$saturn" ] || die "$saturn not found"
[ -n "${SATURN_BIN:-}" ] || [ -f "$here/cli/target/saturn.jar" ] || die "build first: (cd $here && mvn -q -DskipTests package)"

rm -rf "$tmp" && mkdir -p "$tmp"
seconds=$(( samples / 10 + 3 ))
echo "history-size: saturn agent --interval 100ms for ${seconds} s, sadc 1 s x $((sadc_samples + 1)) beside it" >&2

"$saturn" agent --interval 100ms --listen 127.0.0.1:0 --data-dir "$tmp/saturn" 2>"$tmp/agent.log" &
agent=$!

sadc_size() { # OPTIONS... -> bytes per sample
  local f="$tmp/sa-$RANDOM"
  "$sadc" "$@" 1 1 "$f.1"
  "$sadc" "$@" 1 $((sadc_samples + 1)) "$f.n"
  echo $(( ($(stat -c %s "$f.n") - $(stat -c %s "$f.1")) / sadc_samples ))
}
if [ -x "$sadc" ]; then
  sadc_default=$(sadc_size)
  sadc_xall=$(sadc_size -S XALL)
else
  sadc_default="n/a (no $sadc)"; sadc_xall="n/a"
fi

remaining=$(( seconds - 2 * (sadc_samples + 2) ))
[ "$remaining" -gt 0 ] && sleep "$remaining"
kill -TERM "$agent"
wait "$agent" || true

rows=$("$saturn" history --data-dir "$tmp/saturn" --from 2000-01-01 --csv | awk -F, 'NR > 1 { seen[$1] = 1 } END { print length(seen) }')
bytes=$(stat -c %s "$tmp/saturn/history.db")
cells=$("$saturn" history --data-dir "$tmp/saturn" --csv | tail -n +2 | wc -l)
printf 'saturn history: %d samples (%d cells each), %d bytes: %.1f bytes/sample\n' "$rows" "$cells" "$bytes" "$(echo "$bytes / $rows" | bc -l)"
echo "sadc (default activities): $sadc_default bytes/sample"
echo "sadc -S XALL:              $sadc_xall bytes/sample"
