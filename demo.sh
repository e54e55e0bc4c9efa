#!/usr/bin/env bash
# The whole leak reproduction in one command:
#   start the leaky chat server with the leakprobe agent, put it under load, dump its heap three times with
#   kill -USR2, stop it, and diff the dumps into a report under reports/.
#
# usage: ./demo.sh [--mode leak|fixed|direct|native] [--seconds N]
#        ./demo.sh --app cluster [--mode leak|fixed] [--seconds N]   (the HTTP cluster: demo-http/demo-cluster.sh)
#   leak    (default) every session stays in its room's member list forever: the suspect is Room.members
#   fixed   the same server with the leak fixed: no suspect
#   direct  read buffers from ByteBuffer.allocateDirect parked forever: rss grows, the heap does not
#   native  a zlib Inflater per connection, never ended: rss and "unexplained" grow, heap and direct do not
# While the load runs, the agent's memory line shows every 2 s, as Node's "Process: heapTotal ... rss ..." does.
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)

# --app cluster: the HTTP cluster's demo (hot-reloaded interceptors leaking class loaders) is a script of its own.
app=chat
args=()
while [ $# -gt 0 ]; do
  if [ "$1" = --app ]; then app=${2:-}; shift $(($# > 1 ? 2 : 1)); else args+=("$1"); shift; fi
done
set -- ${args[@]+"${args[@]}"}
case "$app" in
  chat) ;;
  cluster) exec demo-http/demo-cluster.sh "$@" ;;
  *) echo "demo.sh: --app must be chat or cluster, not '$app'" >&2; exit 2 ;;
esac

mode=leak
seconds=40
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode=${2:?--mode needs a value}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh: unknown argument '$1' (usage: ./demo.sh [--mode leak|fixed|direct|native] [--seconds N])" >&2; exit 2 ;;
  esac
done
case "$mode" in leak|fixed|direct|native) ;; *) echo "demo.sh: --mode must be leak, fixed, direct or native, not '$mode'" >&2; exit 2 ;; esac
case "$seconds" in ''|*[!0-9]*) echo "demo.sh: --seconds must be a whole number, not '$seconds'" >&2; exit 2 ;; esac
if [ "$seconds" -lt 6 ]; then echo "demo.sh: --seconds must be at least 6" >&2; exit 2; fi

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
agent_jar=$root/agent/target/leakprobe-agent.jar
chat_jar=$root/demo-leaky-chat/target/leaky-chat.jar
analyzer_jar=$root/analyzer/target/leakprobe-analyzer.jar

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

# 1. Build what is missing.
if [ ! -f "$agent_jar" ] || [ ! -f "$chat_jar" ] || [ ! -f "$analyzer_jar" ]; then
  say "Building leakprobe (first run only)"
  run mvn -q -B -DskipTests package
fi

stamp=$(date +%Y%m%d-%H%M%S)
# The demo's runs go to a folder of their own: ./leakprobe-dumps is where the agent and `leakprobe watch` look by
# default, and would fill with the demo's dumps.
work=$root/demo-runs/demo-$mode-$stamp
mkdir -p "$work"
server_log=$work/server.log
server_pid=
load_pid=
memory_pid=
cleanup() {
  [ -n "$memory_pid" ] && kill "$memory_pid" 2>/dev/null || true
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
}
trap cleanup EXIT

# wait_for FILE PATTERN SECONDS: wait until a line of FILE matches PATTERN; print that line.
wait_for() {
  local deadline=$((SECONDS + $3))
  while [ $SECONDS -lt $deadline ]; do
    if grep -m1 -E "$2" "$1" 2>/dev/null; then return 0; fi
    if [ -n "$server_pid" ] && ! kill -0 "$server_pid" 2>/dev/null; then break; fi
    sleep 0.2
  done
  echo "demo.sh: gave up waiting for '$2' in $1:" >&2
  tail -n 20 "$1" >&2 || true
  exit 1
}

# The agent's line for each dump: written, or why not. It comes once the dump file is complete; counting *.hprof
# files instead would count the hidden .partial-*.hprof of a dump still being written (find's * matches a leading
# dot), and show the previous dump's line, or none for the first.
dump_outcome='\[leakprobe\] (dump written|WARNING: heap dump)'
dump_lines() { grep -cE "$dump_outcome" "$server_log" 2>/dev/null || true; }

# show_memory: while the load runs, print each new memory line of the agent (every metrics=2s).
memory_line='^\[leakprobe\] heapTotal '
show_memory() {
  local seen=0 n
  while kill -0 "$load_pid" 2>/dev/null; do
    n=$(grep -cE "$memory_line" "$server_log" 2>/dev/null || true)
    if [ "${n:-0}" -gt "$seen" ]; then
      grep -E "$memory_line" "$server_log" | tail -n "$((n - seen))"
      seen=$n
    fi
    sleep 1
  done
}

# 2. Start the server with the agent. _JAVA_SR_SIGNUM moves HotSpot's own use of SIGUSR2 (thread suspend) to
#    signal 40, so that kill -USR2 reaches leakprobe alone.
say "Starting the chat server in $mode mode with the leakprobe agent"
export _JAVA_SR_SIGNUM=40
echo "\$ export _JAVA_SR_SIGNUM=40"
# Native mode: a heap committed and touched in full from the start (and never given back), so that what rss gains
# beyond the JVM's parts is the leak alone, not heap pages becoming resident.
heap="-Xmx256m"
if [ "$mode" = native ]; then heap="-Xms64m -Xmx64m -XX:+AlwaysPreTouch"; fi
echo "\$ java $heap -javaagent:$agent_jar=dir=$work/dumps,name=leaky-chat,metrics=2s,track=dev.leakprobe.demo.server.Session -jar $chat_jar --port 0 --mode $mode &"
# shellcheck disable=SC2086
"$java" $heap "-javaagent:$agent_jar=dir=$work/dumps,name=leaky-chat,metrics=2s,track=dev.leakprobe.demo.server.Session" \
  -jar "$chat_jar" --port 0 --mode "$mode" >"$server_log" 2>&1 &
server_pid=$!
wait_for "$server_log" '\[leakprobe\] ready' 30
listening=$(wait_for "$server_log" 'listening .*port=[0-9]+' 30)
port=$(printf '%s\n' "$listening" | sed -E 's/.*port=([0-9]+).*/\1/')

# 3. Put it under load: clients connect, join a room, chat, and disconnect, over and over.
say "Load: clients connect, join room1, send messages and leave, for ${seconds}s"
echo "\$ java -jar $chat_jar load --port $port --clients 8 --duration ${seconds}s --room room1 &"
"$java" -jar "$chat_jar" load --port "$port" --clients 8 --duration "${seconds}s" --room room1 >"$work/load.log" 2>&1 &
load_pid=$!
show_memory &
memory_pid=$!

# 4. Three heap dumps spaced over the run, taken the way you would take them of your own service.
dump_at() { # dump_at N: send USR2 and wait for dump number N to be complete
  echo "\$ kill -USR2 $server_pid"
  kill -USR2 "$server_pid"
  local deadline=$((SECONDS + 60))
  until [ "$(dump_lines)" -ge "$1" ]; do
    if [ $SECONDS -ge $deadline ]; then echo "demo.sh: dump $1 did not appear" >&2; tail -n 20 "$server_log" >&2; exit 1; fi
    sleep 0.2
  done
  grep -E "$dump_outcome" "$server_log" | sed -n "$1p"
}
gap=$((seconds / 3))
say "Heap dumps with kill -USR2, every ${gap}s"
for n in 1 2 3; do
  sleep "$gap"
  dump_at "$n"
done

wait "$load_pid" 2>/dev/null || true
load_pid=
wait "$memory_pid" 2>/dev/null || true
memory_pid=
tail -n 6 "$work/load.log" | grep -v '^load-result' || true

# 5. Stop the server and diff the dumps.
say "Stopping the server"
echo "\$ kill $server_pid"
kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=

say "Diffing the dumps by retained size"
mkdir -p reports
html=reports/demo-$mode-$stamp.html
json=reports/demo-$mode-$stamp.json
run bin/leakprobe diff "$work"/dumps/*.hprof --html "$html" --json "$json"

# 6. The report.
say "Report"
echo "HTML: $root/$html"
echo "JSON: $root/$json"
echo "Dumps, sidecars and metrics.jsonl: $work/dumps"
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && command -v xdg-open >/dev/null 2>&1 && [ -z "${CI:-}" ]; then
  xdg-open "$html" >/dev/null 2>&1 || true
fi
