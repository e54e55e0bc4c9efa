#!/usr/bin/env bash
# What the agent costs the demo chat server, four ways in one run, alternating:
#   none     no agent
#   default  the agent with its default options (direct-buffer sites on, no class tracked)
#   track    the agent with track=<the session class> (one instance in 16 sampled)
#   watch    the agent's defaults and watch=<window> (watch mode judging the live set after every GC)
# Every run starts a fresh server (mode fixed: no leak, so the heap is the same each time), warms it up with the
# load client, then measures with it. Rounds rotate the order of the ways, so drift on a shared machine
# (other builds, thermal) spreads over all of them. Prints every run, then the median messages/s and p99 round
# trip per way as ratios against no agent, and one 'bench-result {json}' line.
#
# usage: bench/agent-overhead.sh [--rounds N] [--seconds S] [--warmup S] [--clients C] [--rate R] [--mode MODE]
#                                [--track CLASS] [--watch WINDOW] [--agent-options OPTS]
#   --rounds 3            runs per way
#   --seconds 15          measured seconds per run
#   --warmup 5            warm-up seconds per run (JIT), not measured
#   --clients 8           concurrent load clients
#   --rate 0              messages/s over all clients; 0 = as fast as the server answers
#   --mode fixed          the server's mode
#   --track dev.leakprobe.demo.server.Session   the class tracked by the third way
#   --watch 10s           watch= of the fourth way: short, so that windows are judged (every second) while it runs;
#                         its warm-up is 1s, and the run says how many growth dumps it took (none expected)
#   --agent-options ''    more agent options for both agent ways, comma-separated (e.g. metrics=2s)
# env: JAVA (default: java on PATH or $JAVA_HOME), AGENT_JAR, CHAT_JAR (default: the jars under target/).
# Targets (issue 5, issue 12): default and watch within 3% of no agent, p99 within 5%; track within 10%.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

rounds=3
seconds=15
warmup=5
clients=8
rate=0
mode=fixed
track=dev.leakprobe.demo.server.Session
agent_options=
watch=10s
usage() { sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
    --clients) clients=${2:?--clients needs a value}; shift 2 ;;
    --rate) rate=${2:?--rate needs a value}; shift 2 ;;
    --mode) mode=${2:?--mode needs a value}; shift 2 ;;
    --track) track=${2:?--track needs a value}; shift 2 ;;
    --watch) watch=${2:?--watch needs a value}; shift 2 ;;
    --agent-options) agent_options=${2?--agent-options needs a value}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "agent-overhead.sh: unknown argument '$1' (--help for usage)" >&2; exit 2 ;;
  esac
done
for pair in "rounds:$rounds" "seconds:$seconds" "clients:$clients" "rate:$rate"; do
  case "${pair#*:}" in ''|*[!0-9]*) echo "agent-overhead.sh: --${pair%%:*} must be a whole number, not '${pair#*:}'" >&2; exit 2 ;; esac
done
case "$warmup" in ''|*[!0-9]*) echo "agent-overhead.sh: --warmup must be a whole number, not '$warmup'" >&2; exit 2 ;; esac
if [ "$rounds" -lt 1 ] || [ "$seconds" -lt 1 ]; then echo "agent-overhead.sh: --rounds and --seconds must be at least 1" >&2; exit 2; fi

java=${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}
agent_jar=${AGENT_JAR:-$root/agent/target/leakprobe-agent.jar}
chat_jar=${CHAT_JAR:-$root/demo-leaky-chat/target/leaky-chat.jar}
for jar in "$agent_jar" "$chat_jar"; do
  if [ ! -f "$jar" ]; then echo "agent-overhead.sh: $jar is missing: run 'mvn -q -B -DskipTests package' first" >&2; exit 1; fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/leakprobe-bench.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
# HotSpot's own use of SIGUSR2 moves out of the agent's way (see DEVELOPERS.md); the same for every way.
export _JAVA_SR_SIGNUM=40

ways=(none default track watch)
agent_flag() { # WAY -> the -javaagent flag, or nothing
  local extra=${agent_options:+,$agent_options}
  case "$1" in
    none) ;;
    default) printf '%s' "-javaagent:$agent_jar=dir=$work/dumps$extra" ;;
    track) printf '%s' "-javaagent:$agent_jar=dir=$work/dumps,track=$track$extra" ;;
    watch) printf '%s' "-javaagent:$agent_jar=dir=$work/dumps,watch=$watch,watch-warmup=1s$extra" ;;
  esac
}

# run_once WAY N: one fresh server, warm-up, measurement; appends "WAY messagesPerSecond p99Micros" to results.
run_once() {
  local way=$1 n=$2 log=$work/server-$1-$2.log flag port line deadline
  flag=$(agent_flag "$way")
  # shellcheck disable=SC2086 # $flag is one word or none
  "$java" -Xmx256m $flag -jar "$chat_jar" --port 0 --mode "$mode" >"$log" 2>&1 &
  server_pid=$!
  deadline=$((SECONDS + 60))
  until grep -qE 'listening .*port=[0-9]+' "$log" 2>/dev/null; do
    if ! kill -0 "$server_pid" 2>/dev/null || [ $SECONDS -ge $deadline ]; then
      echo "agent-overhead.sh: the $way server did not start:" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    sleep 0.2
  done
  port=$(grep -m1 -oE 'port=[0-9]+' "$log" | cut -d= -f2)
  load() {
    "$java" -Xmx128m -jar "$chat_jar" load --port "$port" --clients "$clients" --rate "$rate" --duration "$1s"
  }
  if [ "$warmup" -gt 0 ]; then load "$warmup" >"$work/warmup-$way-$n.log" 2>&1 || true; fi
  line=$(load "$seconds" 2>"$work/load-$way-$n.err" | grep -m1 '^load-result ' || true)
  kill "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  server_pid=
  if [ -z "$line" ]; then
    echo "agent-overhead.sh: the load client printed no load-result for $way (run $n):" >&2
    cat "$work/load-$way-$n.err" >&2; exit 1
  fi
  local mps p99 errors judged growth
  mps=$(sed -E 's/.*"messagesPerSecond":([0-9.]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.*"p99Micros":([0-9]+).*/\1/' <<<"$line")
  errors=$(sed -E 's/.*"errors":([0-9]+).*/\1/' <<<"$line")
  growth=$(grep -c 'trigger=growth' "$log" || true)
  printf '%-8s %4d %14.1f %12.2f %8d %8s\n' "$way" "$n" "$mps" "$(awk -v u="$p99" 'BEGIN{print u/1000}')" "$errors" \
    "$([ "$way" = watch ] && echo "$growth" || echo -)"
  echo "$way $mps $p99" >>"$work/results"
}

echo "agent-overhead: $rounds rounds x ${#ways[@]} ways, ${warmup}s warm-up + ${seconds}s measured, $clients clients, rate $rate, mode $mode"
echo "java: $("$java" -version 2>&1 | head -1); agent: $agent_jar; track: $track; watch: $watch"
printf '%-8s %4s %14s %12s %8s %8s\n' way run messages/s 'p99 ms' errors 'growth'
for ((round = 1; round <= rounds; round++)); do
  for ((k = 0; k < ${#ways[@]}; k++)); do
    run_once "${ways[$(((round - 1 + k) % ${#ways[@]}))]}" "$round"
  done
done

median() { # WAY COLUMN -> median of that column over the runs of WAY
  awk -v way="$1" -v col="$2" '$1 == way { print $col }' "$work/results" | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
base_mps=$(median none 2)
base_p99=$(median none 3)
echo
printf '%-8s %14s %8s %12s %8s\n' way 'messages/s' ratio 'p99 ms' ratio
json="{\"rounds\":$rounds,\"seconds\":$seconds,\"clients\":$clients,\"rate\":$rate,\"mode\":\"$mode\",\"track\":\"$track\",\"watch\":\"$watch\""
for way in "${ways[@]}"; do
  mps=$(median "$way" 2)
  p99=$(median "$way" 3)
  read -r mps_ratio p99_ratio < <(awk -v m="$mps" -v bm="$base_mps" -v p="$p99" -v bp="$base_p99" \
    'BEGIN { printf "%.3f %.3f\n", (bm > 0 ? m / bm : 0), (bp > 0 ? p / bp : 0) }')
  printf '%-8s %14.1f %8s %12.2f %8s\n' "$way" "$mps" "$mps_ratio" "$(awk -v u="$p99" 'BEGIN{print u/1000}')" "$p99_ratio"
  json="$json,\"$way\":{\"messagesPerSecond\":$mps,\"p99Micros\":$p99,\"throughputRatio\":$mps_ratio,\"p99Ratio\":$p99_ratio}"
done
echo
echo "targets: default and watch within 3% of no agent (throughput ratio >= 0.97, p99 ratio <= 1.05), track within"
echo "10% (>= 0.90); 'growth' counts the watch way's growth dumps (the fixed server does not leak: 0 expected);"
echo "p99 ratios above 1 mean slower round trips. Runs on a shared machine are noisy: compare rounds before concluding."
echo "bench-result $json}"
