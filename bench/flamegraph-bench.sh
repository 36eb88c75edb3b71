#!/usr/bin/env bash
# Flame-graph tools side by side on the same input, the same machine, in one run: saturn against
# Brendan Gregg's FlameGraph scripts (stackcollapse-perf.pl, ...), whole commands including startup.
#
# usage: bench/flamegraph-bench.sh [FLAMEGRAPH_DIR]
#   FLAMEGRAPH_DIR  a checkout of https://github.com/brendangregg/FlameGraph (or env FLAMEGRAPH_DIR);
#                   without it only saturn is timed. Nothing is downloaded.
# env:
#   SATURN_SHARED   the shared/ folder with testdata/flamegraph/bench (default: ../shared beside the tree)
#   BENCH_MB        size of the generated perf script input in MB (default 60)
#   BENCH_RUNS      runs per tool, interleaved; the median is reported (default 5)
#   BENCH_TMP       where inputs and outputs go (default /tmp/saturn-flamegraph-bench)
#   SATURN_BIN      the saturn launcher to time (default: bin/saturn of this tree)
#   BENCH_ONLY      the comparisons to run, by name (default: collapse_perf flamegraph flamegraph_html startup)
#   JAVA_AOT        a java of JDK 24 or later (its bin/java): startup also times saturn on it with an AOT cache
#                   made by one training run (-XX:AOTCacheOutput); without it only bin/saturn and flamegraph.pl
#
# Each comparison is one function (bench_collapse_perf, bench_flamegraph, bench_flamegraph_html); add the next one
# beside it and name it in BENCH_ONLY's default at the bottom.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
saturn="${SATURN_BIN:-$here/bin/saturn}"
shared="${SATURN_SHARED:-$here/../shared}"
fg_dir="${1:-${FLAMEGRAPH_DIR:-}}"
mb="${BENCH_MB:-60}"
runs="${BENCH_RUNS:-5}"
tmp="${BENCH_TMP:-/tmp/saturn-flamegraph-bench}"

die() { echo "flamegraph-bench: $*" >&2; exit 2; }

[ -x "$saturn" ] || die "$saturn not found"
[ -n "${SATURN_BIN:-}" ] || [ -f "$here/cli/target/saturn.jar" ] || die "build first: (cd $here && mvn -q -DskipTests package)"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (Debian: apt-get install time)"
if [ -n "$fg_dir" ] && [ ! -f "$fg_dir/stackcollapse-perf.pl" ]; then
  die "$fg_dir has no stackcollapse-perf.pl"
fi
mkdir -p "$tmp"

# A copy of a real perf script file repeated to at least $1 MB, at $2; rebuilt only when missing.
make_input() {
  local mb=$1 out=$2 src="$shared/testdata/flamegraph/bench/example-perf-stacks.txt"
  [ -f "$src" ] || die "no $src: set SATURN_SHARED to the shared/ folder"
  if [ ! -f "$out" ] || [ "$(stat -c %s "$out")" -lt $((mb * 1000 * 1000)) ]; then
    : > "$out.part"
    while [ "$(stat -c %s "$out.part")" -lt $((mb * 1000 * 1000)) ]; do
      cat "$src" >> "$out.part"
    done
    mv "$out.part" "$out"
  fi
}

# One run of a command, stdin from $1, stdout to $2, the rest is the command: appends
# "<seconds> <peak RSS KB> <CPU seconds>" to the file $tmp/<label>.runs, where the label is $3. Wall
# time from bash's microsecond clock (/usr/bin/time has only 10 ms), peak RSS and user + system CPU
# time from /usr/bin/time.
run_once() {
  local in=$1 out=$2 label=$3; shift 3
  local start=$EPOCHREALTIME
  /usr/bin/time -f "%M %U %S" -o "$tmp/time.txt" "$@" < "$in" > "$out" 2> "$tmp/stderr.txt" \
    || { cat "$tmp/stderr.txt" >&2; die "failed: $*"; }
  local end=$EPOCHREALTIME
  local rss user sys
  read -r rss user sys < "$tmp/time.txt"
  echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.4f", b - a }') $rss $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')" \
    >> "$tmp/$label.runs"
}

# "<median seconds> <median peak RSS KB>" of the runs recorded under a label.
medians() {
  local f="$tmp/$1.runs" n
  n=$(wc -l < "$f")
  echo "$(cut -d' ' -f1 "$f" | sort -g | sed -n "$(((n + 1) / 2))p")" \
       "$(cut -d' ' -f2 "$f" | sort -g | sed -n "$(((n + 1) / 2))p")"
}

# The median CPU seconds (user + system) of the runs recorded under a label.
median_cpu() {
  local f="$tmp/$1.runs" n
  n=$(wc -l < "$f")
  cut -d' ' -f3 "$f" | sort -g | sed -n "$(((n + 1) / 2))p"
}

# "name seconds rss bytes": one line of the table.
report() {
  local name=$1 secs=$2 rss=$3 bytes=$4
  awk -v n="$name" -v s="$secs" -v r="$rss" -v b="$bytes" \
    'BEGIN { printf "  %-28s %8.4f s %8.1f MB/s %8.1f MB peak RSS\n", n, s, (s > 0 ? b / 1e6 / s : 0), r / 1024 }'
}

ratio() {
  awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.1f", b / a; else print "inf" }'
}

# One saturn subcommand against one Perl script on the same input, runs interleaved so that the
# machine's noise falls on both alike: bench_pair INPUT COMMAND SCRIPT OUT_EXT; it prints both
# medians and the ratio, and leaves the last outputs in $tmp/saturn.OUT_EXT and $tmp/perl.OUT_EXT.
bench_pair() {
  local input=$1 command=$2 script=$3 ext=$4 i
  local bytes; bytes=$(stat -c %s "$input")
  # One untimed run of each first: the jar, the archive, perl and the input in the page cache.
  "$saturn" "$command" < "$input" > /dev/null
  [ -z "$fg_dir" ] || perl "$fg_dir/$script" < "$input" > /dev/null
  rm -f "$tmp/saturn-$command.runs" "$tmp/$script.runs"
  for ((i = 0; i < runs; i++)); do
    run_once "$input" "$tmp/saturn.$ext" "saturn-$command" "$saturn" "$command"
    if [ -n "$fg_dir" ]; then
      run_once "$input" "$tmp/perl.$ext" "$script" perl "$fg_dir/$script"
    fi
  done
  read -r s_secs s_rss < <(medians "saturn-$command")
  report "saturn $command" "$s_secs" "$s_rss" "$bytes"
  if [ -n "$fg_dir" ]; then
    read -r p_secs p_rss < <(medians "$script")
    report "$script" "$p_secs" "$p_rss" "$bytes"
    echo "  saturn is $(ratio "$s_secs" "$p_secs")x the throughput of $script"
  fi
}

# saturn collapse against stackcollapse-perf.pl.
bench_collapse_perf() {
  local input="$tmp/perf-${mb}mb.txt"
  make_input "$mb" "$input"
  echo "collapse: perf script, $(awk -v b="$(stat -c %s "$input")" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($input), median of $runs runs"
  bench_pair "$input" collapse stackcollapse-perf.pl folded
  if [ -n "$fg_dir" ]; then
    if cmp -s "$tmp/saturn.folded" "$tmp/perl.folded"; then
      echo "  outputs: identical"
    else
      echo "  outputs: DIFFERENT (diff $tmp/saturn.folded $tmp/perl.folded)"
    fi
  fi
}

# The 78 expected collapsed outputs of the conformance suite, ten copies, each copy's root frames
# renamed (copy1-java, ...) so that its stacks stay distinct: a folded file with many unique stacks.
make_folded_input() {
  local out=$1 dir="$shared/testdata/flamegraph/stackcollapse-perf/expected" copy
  [ -d "$dir" ] || die "no $dir: set SATURN_SHARED to the shared/ folder"
  if [ ! -f "$out" ]; then
    : > "$out.part"
    for ((copy = 1; copy <= 10; copy++)); do
      cat "$dir"/*.txt | sed "s/^/copy$copy-/" >> "$out.part"
    done
    mv "$out.part" "$out"
  fi
}

# saturn flamegraph against flamegraph.pl on the same folded file.
bench_flamegraph() {
  local input="$tmp/folded-x10.txt"
  make_folded_input "$input"
  echo "flamegraph: folded, $(awk -v b="$(stat -c %s "$input")" 'BEGIN { printf "%.1f", b / 1e6 }') MB, $(wc -l < "$input") lines ($input), median of $runs runs"
  bench_pair "$input" flamegraph flamegraph.pl svg
  if [ -n "$fg_dir" ]; then
    echo "  <title> elements (one per frame): saturn $(grep -o '<title>' "$tmp/saturn.svg" | wc -l), flamegraph.pl $(grep -o '<title>' "$tmp/perl.svg" | wc -l)"
  fi
}

# saturn flamegraph's HTML page against its SVG, whole commands on the same folded file, runs interleaved:
# the page (every frame kept) must take no longer than the SVG (frames under 0.1 px left out).
bench_flamegraph_html() {
  local input="$tmp/folded-x10.txt" i s_secs s_rss h_secs h_rss bytes
  make_folded_input "$input"
  bytes=$(stat -c %s "$input")
  echo "flamegraph, HTML against SVG: folded, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB ($input), median of $runs runs"
  "$saturn" flamegraph < "$input" > /dev/null
  "$saturn" flamegraph --format html < "$input" > /dev/null
  rm -f "$tmp/saturn-svg.runs" "$tmp/saturn-html.runs"
  for ((i = 0; i < runs; i++)); do
    run_once "$input" "$tmp/saturn.svg" saturn-svg "$saturn" flamegraph
    run_once "$input" "$tmp/saturn.html" saturn-html "$saturn" flamegraph --format html
  done
  read -r s_secs s_rss < <(medians saturn-svg)
  read -r h_secs h_rss < <(medians saturn-html)
  report "saturn flamegraph (SVG)" "$s_secs" "$s_rss" "$bytes"
  report "saturn flamegraph --format html" "$h_secs" "$h_rss" "$bytes"
  echo "  CPU (user + system, median): SVG $(median_cpu saturn-svg) s, HTML $(median_cpu saturn-html) s (its name table is written on a second thread)"
  echo "  the HTML takes $(awk -v h="$h_secs" -v s="$s_secs" 'BEGIN { printf "%.2f", h / s }')x the SVG's time;" \
    "SVG $(awk -v b="$(stat -c %s "$tmp/saturn.svg")" 'BEGIN { printf "%.2f", b / 1e6 }') MB, $(grep -o '<title>' "$tmp/saturn.svg" | wc -l) frames drawn;" \
    "HTML $(awk -v b="$(stat -c %s "$tmp/saturn.html")" 'BEGIN { printf "%.2f", b / 1e6 }') MB," \
    "$(grep -o '"frames":[0-9]*' "$tmp/saturn.html" | cut -d: -f2) frames kept"
}

# Start-up: flamegraph of an 8-line folded file, where the JVM's start is all of saturn's time: bin/saturn
# (JDK 17, its AppCDS archive), flamegraph.pl, and with JAVA_AOT saturn on that JDK with an AOT cache.
bench_startup() {
  local input="$tmp/eight-lines.folded" i aot="$tmp/saturn.aot" jar="$here/cli/target/saturn.jar"
  printf 'main;a;b 5\nmain;a;c 3\nmain;d 2\nmain;d;e 7\nmain;f 1\nmain;f;g;h 4\nmain;i 6\nmain;i;j 2\n' > "$input"
  local aot_opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$jar" dev.saturn.cli.Saturn flamegraph)
  if [ -n "${JAVA_AOT:-}" ]; then
    rm -f "$aot"
    "$JAVA_AOT" -XX:AOTCacheOutput="$aot" "${aot_opts[@]}" < "$input" > /dev/null 2>&1 || die "$JAVA_AOT could not make an AOT cache"
  fi
  echo "start-up: flamegraph of an 8-line folded file, median of $runs runs"
  "$saturn" flamegraph < "$input" > /dev/null
  rm -f "$tmp/startup-saturn.runs" "$tmp/startup-perl.runs" "$tmp/startup-aot.runs"
  for ((i = 0; i < runs; i++)); do
    run_once "$input" "$tmp/startup.svg" startup-saturn "$saturn" flamegraph
    [ -z "$fg_dir" ] || run_once "$input" "$tmp/startup-perl.svg" startup-perl perl "$fg_dir/flamegraph.pl"
    [ -z "${JAVA_AOT:-}" ] || run_once "$input" "$tmp/startup-aot.svg" startup-aot "$JAVA_AOT" -XX:AOTCache="$aot" "${aot_opts[@]}"
  done
  read -r s_secs s_rss < <(medians startup-saturn)
  echo "  bin/saturn (JDK of PATH, AppCDS)   $s_secs s, $(awk -v r="$s_rss" 'BEGIN { printf "%.1f", r / 1024 }') MB peak RSS, $(median_cpu startup-saturn) s CPU"
  if [ -n "$fg_dir" ]; then
    read -r p_secs p_rss < <(medians startup-perl)
    echo "  flamegraph.pl                      $p_secs s, $(awk -v r="$p_rss" 'BEGIN { printf "%.1f", r / 1024 }') MB peak RSS, $(median_cpu startup-perl) s CPU"
  fi
  if [ -n "${JAVA_AOT:-}" ]; then
    read -r a_secs a_rss < <(medians startup-aot)
    echo "  saturn on $("$JAVA_AOT" -version 2>&1 | head -1 | cut -d'"' -f2) with an AOT cache  $a_secs s, $(awk -v r="$a_rss" 'BEGIN { printf "%.1f", r / 1024 }') MB peak RSS, $(median_cpu startup-aot) s CPU"
  fi
}

echo "machine: $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)"
# BENCH_ONLY="flamegraph flamegraph_html" runs those comparisons alone
for bench in ${BENCH_ONLY:-collapse_perf flamegraph flamegraph_html startup}; do
  "bench_$bench"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
