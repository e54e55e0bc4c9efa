#!/usr/bin/env bash
# Benchmark (not a test): how the heap engine scales with the dump (issue 23).
# For dumps of the same shape (one HashMap of ITEMS entries, 7 objects each: bench/AnalyzerDiffGen.java, written by a
# real JVM's HotSpotDiagnosticMXBean.dumpHeap, so the generator needs a heap about 1.3x the dump), one run side by side:
#   floor    one sequential read of the file (dd), the least any engine can take
#   default  bin/leakprobe analyze as a user runs it (-XX:MaxRAMPercentage=70 and its G1 options, bin/leakprobe)
#   512m     the same with LEAKPROBE_JAVA_OPTS=-Xmx512m
#   mat      --engine mat, killed after MAT_LIMIT seconds (default 300)
# and prints wall, CPU (user + sys), peak RSS (/usr/bin/time -v), RSS / dump and objects per second.
# Usage: bench/analyzer-scale.sh [WORK_DIR] [ITEMS...]   (default items 1600000 3200000 8000000: ~0.5, 1, 2.5 GB;
#        32000000 makes ~10 GB and needs GEN_XMX=16g)
# Environment: JAVA_HOME, GEN_XMX (generator heap, default 12g), MAT_LIMIT, SKIP_MAT=1, SKIP_512=1.
# Dumps are kept in WORK_DIR for the next run: delete them when done (they are big).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/analyzer/target/leakprobe-analyzer.jar"
work=${1:-$(mktemp -d -t leakprobe-scale.XXXXXX)}
shift || true
items=("$@")
[ ${#items[@]} -gt 0 ] || items=(1600000 3200000 8000000)
mat_limit=${MAT_LIMIT:-300}
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
[ -f "$jar" ] || { echo "build first: mvn -q -B -pl analyzer -am -DskipTests -DskipITs package" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 2; }
mkdir -p "$work"

# measure NAME DUMP COMMAND...: prints one row; a run that fails or is killed prints its reason instead of figures.
measure() {
  local name=$1 dump=$2; shift 2
  local out="$work/$name.$(basename "$dump").time" status=0
  env _JAVA_SR_SIGNUM=40 /usr/bin/time -v "$@" >"$out.out" 2>"$out" || status=$?
  local wall cpu kb objects size
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print u + s}' "$out")
  kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out")
  size=$(stat -c %s "$dump")
  objects=$(grep -o 'parsed [0-9,]* objects' "$out" | head -1 | tr -dc 0-9 || true)
  if [ "$status" -ne 0 ]; then
    printf '%-8s %-28s failed (exit %s): %s\n' "$name" "$(basename "$dump")" "$status" \
      "$(grep -v '^\s' "$out" | grep -v ': reading \|: indexing \|: computing \|: summaris\|Command being' | head -1 | head -c 200)"
    return
  fi
  awk -v n="$name" -v d="$(basename "$dump")" -v w="$wall" -v c="$cpu" -v kb="$kb" -v size="$size" -v o="${objects:-0}" 'BEGIN {
    printf "%-8s %-28s wall %7.1f s  cpu %7.1f s  peak RSS %6d MB  RSS/dump %5.2fx", n, d, w, c, kb / 1024, kb * 1024 / size
    if (o > 0) printf "  %5.2f M objects/s", o / w / 1e6
    printf "\n"
  }'
}

for n in "${items[@]}"; do
  dir="$work/items-$n"
  dump="$dir/bench-1.hprof"
  if [ ! -f "$dump" ]; then
    echo "generating a dump of $n entries in $dir ..."
    "$java" "-Xmx${GEN_XMX:-12g}" -XX:+UseParallelGC "$root/bench/AnalyzerDiffGen.java" "$dir" "$n" >/dev/null
    rm -f "$dir/bench-2.hprof"
  fi
  rm -f "$dump.leakprobe-summary"
  measure floor "$dump" dd if="$dump" of=/dev/null bs=4M status=none
  measure default "$dump" "$root/bin/leakprobe" analyze "$dump" --json "$work/default.json" --html "$work/default.html"
  rm -f "$dump.leakprobe-summary"
  if [ -z "${SKIP_512:-}" ]; then
    measure 512m "$dump" env LEAKPROBE_JAVA_OPTS=-Xmx512m "$root/bin/leakprobe" analyze "$dump" \
      --json "$work/512m.json" --html "$work/512m.html"
    rm -f "$dump.leakprobe-summary"
  fi
  if [ -z "${SKIP_MAT:-}" ]; then
    measure mat "$dump" timeout "$mat_limit" "$java" -XX:MaxRAMPercentage=70 -jar "$jar" analyze --engine mat "$dump" \
      --json "$work/mat.json" --html "$work/mat.html"
    rm -f "$dump.leakprobe-summary"
  fi
done
echo "dumps kept in $work (delete them when done)"
