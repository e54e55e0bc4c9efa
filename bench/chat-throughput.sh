#!/usr/bin/env bash
# Throughput of the fixed chat server under the load client: messages/s in, deliveries/s out, round-trip latency.
# A benchmark, never run by tests. The agent's overhead is measured against these numbers by running it twice:
#   bench/chat-throughput.sh
#   SERVER_JAVA_OPTS="-javaagent:agent/target/leakprobe-agent.jar" bench/chat-throughput.sh
#
# Settings (environment):
#   DURATION=20s  measured run      WARMUP=5s   unmeasured run first (JIT)     CLIENTS=8   clients in one room
#   MESSAGES=50   messages per connection before it quits and reconnects       RATE=0      0 = as fast as possible
#   MODE=fixed    server mode       JAVA=java   SERVER_JAVA_OPTS=              extra server JVM options
# The server and the load client share this machine's cores: compare runs made on the same machine, same load.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-5s}
CLIENTS=${CLIENTS:-8}
MESSAGES=${MESSAGES:-50}
RATE=${RATE:-0}
MODE=${MODE:-fixed}
JAVA=${JAVA:-java}
SERVER_JAVA_OPTS=${SERVER_JAVA_OPTS:-}
JAR=demo-leaky-chat/target/leaky-chat.jar
# HotSpot's suspend signal off SIGUSR2, as in every script of ours (DEVELOPERS.md).
export _JAVA_SR_SIGNUM=40

if [ ! -f "$JAR" ] || [ -n "$(find demo-leaky-chat/src/main demo-leaky-chat/pom.xml -newer "$JAR" -print -quit)" ]; then
  echo "chat-throughput: building $JAR" >&2
  mvn -B -q -pl demo-leaky-chat -am package -DskipTests >&2
fi

workdir=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT

# shellcheck disable=SC2086  # SERVER_JAVA_OPTS is a list of options
"$JAVA" -Xmx256m $SERVER_JAVA_OPTS -jar "$JAR" --port 0 --mode "$MODE" >"$workdir/server.out" 2>"$workdir/server.err" &
server_pid=$!

port=
for _ in $(seq 1 300); do
  port=$(sed -n 's/^leaky-chat listening .* port=\([0-9]*\) .*/\1/p' "$workdir/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "chat-throughput: server exited: $(cat "$workdir/server.err")" >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "chat-throughput: server did not start listening within 30 s" >&2; exit 1; }

load() {
  "$JAVA" -Xmx128m -jar "$JAR" load --port "$port" --clients "$CLIENTS" --rate "$RATE" \
    --messages "$MESSAGES" --duration "$1"
}

echo "chat-throughput: $MODE server on port $port, $CLIENTS clients, $MESSAGES messages per connection," \
  "rate ${RATE} (0 = unlimited), warm-up $WARMUP, measured $DURATION" >&2
load "$WARMUP" >/dev/null
load "$DURATION" >"$workdir/load.out"

result=$(sed -n 's/^load-result //p' "$workdir/load.out")
[ -n "$result" ] || { echo "chat-throughput: the load client printed no result" >&2; cat "$workdir/load.out" >&2; exit 1; }
field() { printf '%s' "$result" | sed -n "s/.*\"$1\":\([0-9.]*\).*/\1/p"; }

msgs=$(field messagesPerSecond)
deliveries=$(field deliveriesPerSecond)
p50=$(field p50Micros)
p99=$(field p99Micros)
errors=$(field errors)
connections=$(field connections)

printf 'messages/s in       %10.0f\n' "$msgs"
printf 'deliveries/s out    %10.0f\n' "$deliveries"
printf 'round trip p50 (ms) %10.2f\n' "$(awk "BEGIN { print $p50 / 1000 }")"
printf 'round trip p99 (ms) %10.2f\n' "$(awk "BEGIN { print $p99 / 1000 }")"
printf 'connections         %10d\n' "$connections"
printf 'errors              %10d\n' "$errors"
echo "chat-throughput {\"mode\":\"$MODE\",\"clients\":$CLIENTS,\"messagesPerConnection\":$MESSAGES,\"duration\":\"$DURATION\",\"serverJavaOpts\":\"$SERVER_JAVA_OPTS\",\"load\":$result}"
