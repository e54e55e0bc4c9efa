#!/usr/bin/env bash
# Throughput of the HTTP cluster (demo-http) with and without the leakprobe agent in its workers: requests/s and p99
# latency of the load client, medians over alternating rounds, and their ratios. A benchmark, never run by tests.
#
# usage: bench/cluster-throughput.sh [--rounds 3]
# Settings (environment):
#   DURATION=15s  measured load per round     WARMUP=5s   unmeasured load first (JIT)     CLIENTS=8
#   WORKERS=      workers (default: one per core)        AGENT_OPTIONS=interval=1h   the agent's options (beside dir=)
# Each round starts a fresh cluster without the agent, then one with it (the example interceptor loaded in both).
# The cluster and the load client share this machine's cores: compare runs made on the same machine, same load.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    *) echo "cluster-throughput: unknown argument '$1' (usage: bench/cluster-throughput.sh [--rounds N])" >&2; exit 2 ;;
  esac
done
DURATION=${DURATION:-15s}
WARMUP=${WARMUP:-5s}
CLIENTS=${CLIENTS:-8}
WORKERS=${WORKERS:-$(nproc)}
AGENT_OPTIONS=${AGENT_OPTIONS:-interval=1h}
JAVA=${JAVA:-java}
JAR=demo-http/target/demo-http.jar
AGENT=agent/target/leakprobe-agent.jar
export _JAVA_SR_SIGNUM=40

if [ ! -f "$JAR" ] || [ ! -f "$AGENT" ] || [ -n "$(find demo-http/src/main demo-http/pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "cluster-throughput: building $JAR" >&2
  mvn -B -q -pl demo-http -am package -DskipTests -DskipITs >&2
fi

workdir=$(mktemp -d)
cluster_pid=
stop_cluster() {
  if [ -n "$cluster_pid" ] && kill -0 "$cluster_pid" 2>/dev/null; then
    kill -TERM "$cluster_pid" 2>/dev/null || true
    wait "$cluster_pid" 2>/dev/null || true
  fi
  cluster_pid=
}
trap 'stop_cluster; rm -rf "$workdir"' EXIT

# one_round VARIANT: start the cluster (none|agent), load it, print "requestsPerSecond p99Micros".
one_round() {
  local log=$workdir/cluster-$1.log agent_args=()
  [ "$1" = agent ] && agent_args=(--agent "$AGENT" --agent-options "$AGENT_OPTIONS")
  "$JAVA" -Xmx64m -jar "$JAR" cluster --port 0 --workers "$WORKERS" --interceptors demo-http/interceptors \
    --dumps "$workdir/dumps" ${agent_args[@]+"${agent_args[@]}"} >"$log" 2>&1 &
  cluster_pid=$!
  local deadline=$((SECONDS + 180))
  until [ "$(grep -c '^worker [0-9]* listening ' "$log")" -ge "$WORKERS" ]; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$cluster_pid" 2>/dev/null; then
      echo "cluster-throughput: the cluster did not start:" >&2; tail -n 20 "$log" >&2; exit 1
    fi
    sleep 0.2
  done
  local port
  port=$(sed -n 's/^cluster listening .* port=\([0-9]*\) .*/\1/p' "$log")
  "$JAVA" -Xmx64m -jar "$JAR" load --port "$port" --clients "$CLIENTS" --duration "$WARMUP" >/dev/null
  local result
  result=$("$JAVA" -Xmx64m -jar "$JAR" load --port "$port" --clients "$CLIENTS" --duration "$DURATION" | sed -n 's/^load-result //p')
  stop_cluster
  [ -n "$result" ] || { echo "cluster-throughput: the load client printed no result" >&2; exit 1; }
  printf '%s %s\n' "$(printf '%s' "$result" | sed -n 's/.*"requestsPerSecond":\([0-9.]*\).*/\1/p')" \
    "$(printf '%s' "$result" | sed -n 's/.*"p99Micros":\([0-9]*\).*/\1/p')"
  echo "cluster-throughput: $1: $result" >&2
}

echo "cluster-throughput: $WORKERS workers, $CLIENTS clients, warm-up $WARMUP, measured $DURATION, $rounds rounds," \
  "agent options $AGENT_OPTIONS" >&2
: >"$workdir/none"; : >"$workdir/agent"
for round in $(seq 1 "$rounds"); do
  for variant in none agent; do
    echo "cluster-throughput: round $round, $variant" >&2
    one_round "$variant" >>"$workdir/$variant"
  done
done

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rps_none=$(cut -d' ' -f1 "$workdir/none" | median)
rps_agent=$(cut -d' ' -f1 "$workdir/agent" | median)
p99_none=$(cut -d' ' -f2 "$workdir/none" | median)
p99_agent=$(cut -d' ' -f2 "$workdir/agent" | median)
printf '%-22s %12s %12s %8s\n' "median of $rounds rounds" "no agent" "agent" "ratio"
printf '%-22s %12.0f %12.0f %8.3f\n' "requests/s" "$rps_none" "$rps_agent" "$(awk "BEGIN { print $rps_agent / $rps_none }")"
printf '%-22s %12.2f %12.2f %8.3f\n' "p99 latency (ms)" "$(awk "BEGIN { print $p99_none / 1000 }")" \
  "$(awk "BEGIN { print $p99_agent / 1000 }")" "$(awk "BEGIN { print $p99_agent / $p99_none }")"
