#!/usr/bin/env bash
# Whole commands of this tree against the same commands built from another commit, interleaved on the
# same inputs in one run, so that a refactoring shows whether it kept the speeds of docs/performance.md:
#   - `saturn use --interval 1s`, cold (wall minus the interval, and CPU);
#   - `saturn collapse` of a two-line folded file (start-up: the fast argument path, the archive);
#   - `saturn collapse` of 60 MB of perf script and `saturn flamegraph` of 23.6 MB of folded stacks
#     (the inputs bench/flamegraph-bench.sh makes; outputs compared byte for byte).
# The other commit is cloned from this repository into a temporary directory and built there.
#
# usage: bench/compare-commits.sh [BASE]     BASE: a commit or ref of this repository (default HEAD~1)
# env: RUNS (9), BENCH_TMP (/tmp/saturn-flamegraph-bench: the inputs; run bench/flamegraph-bench.sh once
#      to make them), BASE_TREE (an already built tree of BASE, to skip the clone and build).
# Needs a built tree, git, Maven (offline cache is enough), /usr/bin/time. Installs nothing.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
base="${1:-HEAD~1}"
runs="${RUNS:-9}"
inputs="${BENCH_TMP:-/tmp/saturn-flamegraph-bench}"
die() { echo "compare-commits: $*" >&2; exit 2; }
[ -f "$here/cli/target/saturn.jar" ] || die "build this tree first: mvn -q -o -DskipTests package"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: apt-get install time)"
perf_in="$inputs/perf-60mb.txt"
folded_in="$inputs/folded-x10.txt"
[ -f "$perf_in" ] && [ -f "$folded_in" ] || die "no inputs in $inputs: run bench/flamegraph-bench.sh once (it makes them)"
out="$(mktemp -d /tmp/compare-commits.XXXXXX)"
old="${BASE_TREE:-}"
if [ -z "$old" ]; then
  sha="$(git -C "$here" rev-parse --verify "$base^{commit}")" || die "$base is not a commit of $here"
  old="$out/base"
  echo "building $base ($sha) in $old ..." >&2
  git clone -q "$here" "$old" && git -C "$old" checkout -q "$sha"
  (cd "$old" && mvn -q -o -DskipTests package >"$out/base-build.log" 2>&1) || die "the build of $base failed: $out/base-build.log"
fi
[ -x "$old/bin/saturn" ] && [ -f "$old/cli/target/saturn.jar" ] || die "$old is not a built saturn tree"
printf 'a;b 1\na;c 2\n' >"$out/tiny.folded"

# One run: label, stdin, stdout, command...; appends "<wall s> <cpu s>" to $out/<label>.runs.
one() {
  local label=$1 in=$2 to=$3; shift 3
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%U %S" -o "$out/time.txt" "$@" <"$in" >"$to" 2>"$out/stderr.txt" || { cat "$out/stderr.txt" >&2; die "failed: $*"; }
  local end=$EPOCHREALTIME
  awk -v a="$start" -v b="$end" -v t="$(cat "$out/time.txt")" 'BEGIN { split(t, c, " "); printf "%.4f %.3f\n", b - a, c[1] + c[2] }' >>"$out/$label.runs"
}
median() { cut -d' ' -f"$2" "$out/$1.runs" | sort -g | sed -n "$(((runs + 1) / 2))p"; }

for tree in "$old" "$here"; do # one run each first: page cache, nothing timed
  "$tree/bin/saturn" collapse <"$perf_in" >/dev/null
  "$tree/bin/saturn" flamegraph <"$folded_in" >/dev/null
done
echo "running $runs interleaved rounds ..." >&2
for ((i = 0; i < runs; i++)); do
  for side in old new; do
    tree="$old"; [ "$side" = new ] && tree="$here"
    one "use-$side" /dev/null /dev/null "$tree/bin/saturn" use --interval 1s
    one "start-$side" "$out/tiny.folded" /dev/null "$tree/bin/saturn" collapse
    one "collapse-$side" "$perf_in" "$out/$side.folded" "$tree/bin/saturn" collapse
    one "flamegraph-$side" "$folded_in" "$out/$side.svg" "$tree/bin/saturn" flamegraph
  done
done

printf '# %s, %s CPUs, load %s; base %s (%s), this tree %s; medians of %s interleaved runs\n' \
  "$(date -u '+%Y-%m-%d %H:%M UTC')" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$base" \
  "$(git -C "$old" rev-parse --short HEAD)" "$(git -C "$here" rev-parse --short HEAD)" "$runs"
printf '%-42s %12s %12s %8s\n' "command" "base" "this tree" "ratio"
row() { # label, what, field (1 wall, 2 cpu), offset subtracted (the interval)
  local o n
  o=$(median "$1-old" "$3"); n=$(median "$1-new" "$3")
  awk -v w="$2" -v o="$o" -v n="$n" -v d="$4" \
    'BEGIN { printf "%-42s %10.3f s %10.3f s %8.2f\n", w, o - d, n - d, (o - d > 0 ? (n - d) / (o - d) : 0) }'
}
row use "saturn use --interval 1s, wall - 1 s" 1 1
row use "saturn use --interval 1s, CPU" 2 0
row start "saturn collapse of 2 lines, wall" 1 0
row start "saturn collapse of 2 lines, CPU" 2 0
row collapse "saturn collapse, 60 MB perf script, wall" 1 0
row flamegraph "saturn flamegraph, 23.6 MB folded, wall" 1 0
cmp -s "$out/old.folded" "$out/new.folded" && echo "collapse outputs: identical" || echo "collapse outputs: DIFFERENT"
cmp -s "$out/old.svg" "$out/new.svg" && echo "flamegraph SVGs: identical" || echo "flamegraph SVGs: DIFFERENT"
echo "# raw runs in $out"
