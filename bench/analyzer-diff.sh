#!/usr/bin/env bash
# Benchmark (not a test): diff two heap dumps of about 500 MB each.
# Measures wall time and peak RSS (/usr/bin/time -v) of
#   plain: the two dumps opened one after the other with the plain MAT API (haha) alone,
#   cold:  `leakprobe diff` with no summary cache (dumps parsed in parallel),
#   warm:  `leakprobe diff` again, from the summary cache,
# and prints the ratios. Targets (issue 4): cold <= 0.65x plain, warm <= 3 s.
# Usage: bench/analyzer-diff.sh [WORK_DIR] [ITEMS]   (ITEMS=1600000 makes dumps of about 500 MB)
# Environment: JAVA_HOME, BENCH_XMX (heap of every measured JVM, default 3g).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/analyzer/target/leakprobe-analyzer.jar"
work=${1:-$(mktemp -d -t leakprobe-bench.XXXXXX)}
items=${2:-1600000}
xmx=${BENCH_XMX:-3g}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
[ -f "$jar" ] || { echo "build first: mvn -q -B -pl analyzer -am -DskipTests package" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
mkdir -p "$work"
a="$work/bench-1.hprof"
b="$work/bench-2.hprof"

if [ ! -f "$a" ] || [ ! -f "$b" ]; then
  echo "generating dumps in $work ..."
  "$java" -Xmx4g -XX:+UseParallelGC "$root/bench/AnalyzerDiffGen.java" "$work" "$items"
fi
ls -l "$a" "$b"

# measure NAME COMMAND...: runs it under /usr/bin/time -v, prints and remembers wall seconds and peak RSS (MB).
declare -A wall rss
measure() {
  local name=$1; shift
  /usr/bin/time -v "$@" >"$work/$name.out" 2>"$work/$name.time" || { cat "$work/$name.out" "$work/$name.time" >&2; exit 1; }
  local elapsed kb
  elapsed=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  wall[$name]=$(echo "$elapsed" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss[$name]=$((kb / 1024))
  printf '%-6s wall %8.1f s   peak RSS %6d MB\n' "$name" "${wall[$name]}" "${rss[$name]}"
}

rm -f "$a.leakprobe-summary" "$b.leakprobe-summary" "$work"/*.index
measure plain "$java" "-Xmx$xmx" -cp "$jar" "$root/bench/PlainMatOpen.java" "$a" "$b"
rm -f "$work"/*.index
measure cold "$java" "-Xmx$xmx" -jar "$jar" diff -q "$a" "$b" --json "$work/cold.json" --html "$work/cold.html"
measure warm "$java" "-Xmx$xmx" -jar "$jar" diff -q "$a" "$b" --json "$work/warm.json" --html "$work/warm.html"

echo
awk -v p="${wall[plain]}" -v c="${wall[cold]}" -v w="${wall[warm]}" -v n="$(nproc)" 'BEGIN {
  printf "cold diff / plain sequential opens: %.2fx (target <= 0.65x; %d cores)\n", c / p, n
  printf "warm diff: %.1f s (target <= 3 s)\n", w
}'
grep -m1 -o '"headline" : "[^"]*"' "$work/cold.json" || true
echo "dumps and outputs kept in $work (delete it when done)"
