#!/usr/bin/env bash
# Watch mode's accuracy (issue 18): eight services side by side, in one run, each in its own JVM under the agent
# with watch=<window> and every other watch option at its default (warm-up = the window, watch-gcs 10,
# watch-cooldown 1h). The services are WatchWorkloads in the agent's test classes (they serve "requests": short-lived
# garbage, a fifth of it kept a while as sessions are):
#   slow-leak    100 KB/s kept among 6 MB/s of garbage (few GCs: windows stretch)
#   leak         200 KB/s kept among 20 MB/s of garbage
#   bursty-leak  3 MB kept every 13 s (issue 19, item 7: 7 series, 20 dumps in 120 s before the dump budget)
#   direct-leak  1.25 MB/s of direct buffers kept, next to no garbage (no GCs)
#   mapped-leak  2 MB/s of mapped files kept
#   lru          a bounded LRU cache that evicts 8 MB/s (the false alarm of issue 18)
#   sawtooth     a cache filled and cleared every 3 s
#   warmup-flat  a cache filled over 30 s, then only read
# Per service it prints: growth series taken, the time from the agent's ready line to the first, dumps taken, whether the diff of
# the first series (analyzer diff of its three dumps) names the holder (the static field that keeps the leak), and
# the CPU the agent's judging took (its timer thread and the JVM's notification thread, which runs the GC listener)
# as a share of one core. Then a verdict against the targets:
#   every leak exactly one series, the first within 3 windows; no bounded service a series in the whole run
#   (at least 30 windows); agent CPU <= 1% of a core.
#
# usage: bench/watch-accuracy.sh [--watch WINDOW] [--seconds S] [--heap SIZE] [--gc FLAG]
#   --watch 20s      watch= of every service
#   --seconds 600    how long every service runs (30 windows of 20 s)
#   --heap 64m       -Xmx of every service
#   --gc -XX:+UseSerialGC   the collector (e.g. -XX:+UseG1GC, -XX:+UseParallelGC)
# env: JAVA (default: java on PATH or $JAVA_HOME), AGENT_JAR, ANALYZER_JAR, CLASSES (default: under target/); the
# agent's test classes must be compiled (mvn -B -q -pl agent -am -DskipITs -Dtest=none verify).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

watch=20s
seconds=600
heap=64m
gc=-XX:+UseSerialGC
usage() { sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --watch) watch=${2:?--watch needs a value}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --heap) heap=${2:?--heap needs a value}; shift 2 ;;
    --gc) gc=${2:?--gc needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "watch-accuracy.sh: unknown argument '$1' (--help for usage)" >&2; exit 2 ;;
  esac
done
case "$seconds" in ''|*[!0-9]*) echo "watch-accuracy.sh: --seconds must be a whole number, not '$seconds'" >&2; exit 2 ;; esac
case "$watch" in
  *[0-9]s) window_s=${watch%s} ;;
  *[0-9]m) window_s=$((${watch%m} * 60)) ;;
  *) echo "watch-accuracy.sh: --watch must be seconds or minutes like 20s or 1m, not '$watch'" >&2; exit 2 ;;
esac

java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
agent_jar=${AGENT_JAR:-$root/agent/target/leakprobe-agent.jar}
analyzer_jar=${ANALYZER_JAR:-$root/analyzer/target/leakprobe-analyzer.jar}
classes=${CLASSES:-$root/agent/target/test-classes}
for f in "$agent_jar" "$analyzer_jar" "$classes/dev/leakprobe/agent/it/WatchWorkloads.class"; do
  if [ ! -e "$f" ]; then echo "watch-accuracy.sh: $f is missing: build the agent (with its tests) and the analyzer first" >&2; exit 1; fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/leakprobe-watch-accuracy.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT
export _JAVA_SR_SIGNUM=40 # HotSpot's own use of SIGUSR2 moves out of the agent's way (see DEVELOPERS.md)

leaks=(slow-leak leak bursty-leak direct-leak mapped-leak)
bounded=(lru sawtooth warmup-flat)
# The static field that keeps each leak: what the diff of its series should name.
holder() {
  case "$1" in
    slow-leak) echo SLOW_LEAK ;; leak) echo LEAKED ;; bursty-leak) echo BURSTS ;;
    direct-leak) echo DIRECT_LEAK ;; mapped-leak) echo MAPPED_LEAK ;;
  esac
}

# Per-thread CPU ticks of the agent's judging: its timer and the JVM's notification thread (the GC listener).
agent_ticks() {
  local pid=$1 total=0 task comm ticks
  for task in /proc/"$pid"/task/*; do
    comm=$(cat "$task/comm" 2>/dev/null || true)
    case "$comm" in
      leakprobe-time*|Notification\ Th*|Service\ Thread)
        ticks=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "$task/stat" 2>/dev/null || echo 0)
        total=$((total + ticks)) ;;
    esac
  done
  echo "$total"
}

echo "watch-accuracy: ${#leaks[@]} leaks and ${#bounded[@]} bounded services side by side for ${seconds}s, watch=$watch"
echo "  ($((seconds / window_s)) windows), -Xmx$heap $gc; java: $("$java" -version 2>&1 | head -1)"
start_ms=$(date +%s%3N)
for w in "${leaks[@]}" "${bounded[@]}"; do
  mkdir -p "$work/$w"
  "$java" -Xmx"$heap" "$gc" -XX:TieredStopAtLevel=1 \
    -javaagent:"$agent_jar"=dir="$work/$w/dumps",metrics=off,watch="$watch" \
    -cp "$classes" dev.leakprobe.agent.it.Workload "$w" "$seconds" >"$work/$w/stdout" 2>"$work/$w/stderr" &
  pids+=($!)
  echo "$!" >"$work/$w/pid"
done
# When each agent is ready (JVMs start slowly on a loaded machine: windows count from there); the agent's CPU,
# read just before each JVM ends (its ticks vanish with it).
end_s=$(( $(date +%s) + seconds - 5 ))
while [ "$(date +%s)" -lt "$end_s" ]; do
  for w in "${leaks[@]}" "${bounded[@]}"; do
    if [ ! -f "$work/$w/ready" ] && grep -q '^\[leakprobe\] ready ' "$work/$w/stderr" 2>/dev/null; then
      date +%s%3N >"$work/$w/ready"
    fi
  done
  sleep 1
done
hz=$(getconf CLK_TCK)
for w in "${leaks[@]}" "${bounded[@]}"; do
  agent_ticks "$(cat "$work/$w/pid")" >"$work/$w/ticks"
done
wait 2>/dev/null || true
pids=()
elapsed_s=$(( ($(date +%s%3N) - start_ms) / 1000 ))

printf '\n%-12s %-8s %7s %12s %6s %-20s %9s\n' service kind series 'first (s)' dumps 'diff names' 'agent CPU'
verdict=pass
reasons=()
json="{\"watch\":\"$watch\",\"seconds\":$seconds,\"heap\":\"$heap\",\"gc\":\"$gc\""
for w in "${leaks[@]}" "${bounded[@]}"; do
  kind=bounded
  for l in "${leaks[@]}"; do if [ "$l" = "$w" ]; then kind=leak; fi; done
  series=$(grep -c 'taking 3 dumps' "$work/$w/stderr" || true)
  dumps=$(find "$work/$w/dumps" -name '*.hprof' 2>/dev/null | wc -l)
  first=-
  names=-
  firsts=$(find "$work/$w/dumps" -name '*.hprof.json' 2>/dev/null | sort | head -1)
  if [ -n "$firsts" ]; then
    started=$(grep -oE '"startedEpochMillis":[0-9]+' "$firsts" | head -1 | cut -d: -f2)
    ready_ms=$(cat "$work/$w/ready" 2>/dev/null || echo "$start_ms")
    first=$(( (started - ready_ms) / 1000 ))
  fi
  if [ "$kind" = leak ] && [ "$dumps" -ge 3 ]; then
    mapfile -t three < <(find "$work/$w/dumps" -name '*.hprof' | sort | head -3)
    if "$java" -Xmx2g -jar "$analyzer_jar" diff "${three[@]}" >"$work/$w/diff.txt" 2>&1 \
        || [ -s "$work/$w/diff.txt" ]; then
      if grep -q "$(holder "$w")" "$work/$w/diff.txt"; then names="yes ($(holder "$w"))"; else names=no; fi
    fi
  fi
  cpu=$(awk -v t="$(cat "$work/$w/ticks")" -v hz="$hz" -v s="$((seconds - 5))" 'BEGIN { printf "%.2f%%", 100 * t / hz / s }')
  printf '%-12s %-8s %7s %12s %6s %-20s %9s\n' "$w" "$kind" "$series" "$first" "$dumps" "$names" "$cpu"
  json="$json,\"$w\":{\"kind\":\"$kind\",\"series\":$series,\"firstSeconds\":\"$first\",\"dumps\":$dumps,\"diffNamesHolder\":\"$names\",\"agentCpu\":\"$cpu\"}"
  if [ "$kind" = leak ]; then
    if [ "$series" -ne 1 ]; then verdict=fail; reasons+=("$w: $series series, not 1"); fi
    if [ "$first" = - ] || [ "$first" -gt $((3 * window_s + window_s)) ]; then
      # 3 windows after the warm-up (one window by default)
      verdict=fail; reasons+=("$w: first series at ${first}s, not within 3 windows after the warm-up")
    fi
  elif [ "$series" -ne 0 ]; then
    verdict=fail; reasons+=("$w: $series series on a bounded service")
  fi
  if awk -v c="${cpu%\%}" 'BEGIN { exit !(c > 1.0) }'; then verdict=fail; reasons+=("$w: agent CPU $cpu of a core"); fi
done
echo
echo "targets: every leak exactly one series, the first within 3 windows after the warm-up (one window); no bounded"
echo "service a series over the run ($((seconds / window_s)) windows); agent CPU <= 1% of a core. Ran ${elapsed_s}s."
reasons_text=$(printf '%s; ' "${reasons[@]}")
echo "verdict: $verdict${reasons[*]:+ (${reasons_text%; })}"
echo "logs: $work (each service's stderr holds its judgements)"
echo "bench-result $json,\"verdict\":\"$verdict\"}"
