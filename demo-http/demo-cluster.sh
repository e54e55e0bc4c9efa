#!/usr/bin/env bash
# The cluster demo (./demo.sh --app cluster): the course's lesson on hot-reloaded modules, in Java.
#   Start the cluster (one worker JVM per core on one port, each with the leakprobe agent dumping into its own
#   folder), load it with requests while its interceptor is reloaded every 3 s, take three dumps of each worker
#   (kill -USR2, between reloads), summarise each dump where it lies, diff each worker's summaries, and print one
#   verdict per worker.
#
# usage: ./demo.sh --app cluster [--mode leak|fixed] [--seconds N]
#   leak    (default) the interceptor starts a Timer when it is loaded and never stops it: each reload leaves its
#           class loader behind, kept by the old timer thread
#   fixed   the interceptor's close() cancels its timer when a reload replaces it: no suspect
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

mode=leak
seconds=40
while [ $# -gt 0 ]; do
  case "$1" in
    --mode) mode=${2:?--mode needs a value}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo.sh --app cluster: unknown argument '$1' (usage: ./demo.sh --app cluster [--mode leak|fixed] [--seconds N])" >&2; exit 2 ;;
  esac
done
case "$mode" in leak|fixed) ;; *) echo "demo.sh --app cluster: --mode must be leak or fixed, not '$mode'" >&2; exit 2 ;; esac
case "$seconds" in ''|*[!0-9]*) echo "demo.sh: --seconds must be a whole number, not '$seconds'" >&2; exit 2 ;; esac
if [ "$seconds" -lt 12 ]; then echo "demo.sh --app cluster: --seconds must be at least 12" >&2; exit 2; fi

java=${JAVA_HOME:+$JAVA_HOME/bin/}java
agent_jar=$root/agent/target/leakprobe-agent.jar
http_jar=$root/demo-http/target/demo-http.jar
analyzer_jar=$root/analyzer/target/leakprobe-analyzer.jar

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { printf '$ %s\n' "$*"; "$@"; }

# 1. Build what is missing.
if [ ! -f "$agent_jar" ] || [ ! -f "$http_jar" ] || [ ! -f "$analyzer_jar" ]; then
  say "Building leakprobe (first run only)"
  run mvn -q -B -DskipTests -DskipITs package
fi

stamp=$(date +%Y%m%d-%H%M%S)
work=$root/demo-runs/demo-cluster-$mode-$stamp
interceptors=$work/interceptors
dumps=$work/dumps
mkdir -p "$interceptors" "$dumps"
cluster_log=$work/cluster.log
cluster_pid=
load_pid=
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  if [ -n "$cluster_pid" ] && kill -0 "$cluster_pid" 2>/dev/null; then
    kill "$cluster_pid" 2>/dev/null || true
    wait "$cluster_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# wait_for PATTERN COUNT SECONDS: wait until COUNT lines of the cluster's log match PATTERN.
wait_for() {
  local deadline=$((SECONDS + $3))
  until [ "$(grep -cE "$1" "$cluster_log" 2>/dev/null || true)" -ge "$2" ]; do
    if [ $SECONDS -ge $deadline ] || ! kill -0 "$cluster_pid" 2>/dev/null; then
      echo "demo.sh: gave up waiting for $2 lines '$1' in $cluster_log:" >&2
      tail -n 20 "$cluster_log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
}

# 2. The interceptors folder: an example that answers /health, and the audit interceptor of this mode.
say "Interceptors: $mode audit interceptor (demo-http/demo-interceptors/$mode) and the /health example"
run cp demo-http/interceptors/HealthInterceptor.java "demo-http/demo-interceptors/$mode/AuditInterceptor.java" "$interceptors/"

# 3. The cluster: one worker per core on one port, each with the agent and a dump every hour (interval=1h), as the
#    course asks; the demo takes its three dumps itself (step 4).
say "Starting the cluster: one worker JVM per core, the agent in each"
export _JAVA_SR_SIGNUM=40
echo "\$ export _JAVA_SR_SIGNUM=40"
cluster_cmd=("$java" -jar "$http_jar" cluster --port 0 --interceptors "$interceptors" --dumps "$dumps"
  --agent "$agent_jar" --agent-options "interval=1h,metrics=5s" --worker-opts "-Xmx128m")
echo "\$ ${cluster_cmd[*]} &"
"${cluster_cmd[@]}" >"$cluster_log" 2>&1 &
cluster_pid=$!
wait_for '^cluster listening ' 1 30
grep -m1 '^cluster listening ' "$cluster_log"
workers=$(sed -n 's/^cluster listening .* workers=\([0-9]*\) .*/\1/p' "$cluster_log" | head -n1)
port=$(sed -n 's/^cluster listening .* port=\([0-9]*\) .*/\1/p' "$cluster_log" | head -n1)
wait_for '^worker [0-9]+ listening ' "$workers" 120
grep -E '^worker [0-9]+( listening|: interceptors)' "$cluster_log" || true

# 4. Load, and a reload of the audit interceptor every 3 s; after each third of the run, one dump of each worker.
#    The dumps are taken between reloads, with kill -USR2: a dump taken while a worker compiles holds javac's
#    working set (over 1 MB on the compiling thread), which is not the leak. So the demo waits until every
#    reload has loaded, as you would wait for a quiet moment before dumping a service of your own.
say "Load: 8 clients POST as fast as answers come; AuditInterceptor.java touched every 3 s (a reload in each worker)"
echo "\$ java -jar $http_jar load --port $port --clients 8 --duration $((seconds + 120))s &"
"$java" -Xmx64m -jar "$http_jar" load --port "$port" --clients 8 --duration "$((seconds + 120))s" >"$work/load.log" 2>&1 &
load_pid=$!
pids=$(sed -n 's/^worker [0-9]* listening pid=\([0-9]*\) .*/\1/p' "$cluster_log" | tr '\n' ' ')
loaded='^worker [0-9]+: interceptors (generation|not reloaded)'
dump_outcome='^\[leakprobe\] (dump written|WARNING: heap dump)'
touches=0
gap=$((seconds / 3))
echo "\$ while sleep 3; do touch $interceptors/AuditInterceptor.java; done &   # for ${gap}s, then a dump of each worker"
for k in 1 2 3; do
  for _ in $(seq 1 $((gap / 3))); do
    sleep 3
    touch "$interceptors/AuditInterceptor.java"
    touches=$((touches + 1))
  done
  # Every worker has loaded the file as it is now when its last reload names the file's time (in milliseconds).
  newest=$(date -r "$interceptors/AuditInterceptor.java" +%s%3N)
  for n in $(seq 1 "$workers"); do wait_for "^worker $n: interceptors generation .*newest source $newest\\)" 1 60; done
  echo "$touches reloads: $(grep -E "$loaded" "$cluster_log" | tail -n "$workers" | tr '\n' ' ')"
  # shellcheck disable=SC2086
  run kill -USR2 $pids
  wait_for "$dump_outcome" $((workers * k)) 120
  grep -E "$dump_outcome" "$cluster_log" | tail -n "$workers"
done
kill "$load_pid" 2>/dev/null || true
wait "$load_pid" 2>/dev/null || true
load_pid=

# 5. Stop the cluster: the supervisor stops its workers.
say "Stopping the cluster"
echo "\$ kill $cluster_pid"
kill "$cluster_pid"
wait "$cluster_pid" 2>/dev/null || true
cluster_pid=

# 6. Each worker's dumps: summarised where they lie, then the summaries diffed (one verdict per worker).
mkdir -p reports
verdicts=()
for n in $(seq 1 "$workers"); do
  dir=$dumps/worker-$n
  say "Worker $n: summarise its dumps where they lie, diff the summaries"
  run bin/leakprobe summarize -q "$dir"/*.hprof
  out=$work/diff-worker-$n.txt
  diff_cmd=(bin/leakprobe diff -q "$dir"/*.hprof.leakprobe-summary
    --html "reports/demo-cluster-$mode-$stamp-worker-$n.html" --json "reports/demo-cluster-$mode-$stamp-worker-$n.json")
  echo "\$ ${diff_cmd[*]}"
  "${diff_cmd[@]}" | tee "$out"
  # The verdict: the first line after the heading that is not a warning about the dumps.
  verdicts+=("worker $n: $(grep -m1 -vE '^(leakprobe diff:|warning:)' "$out")")
done

say "Verdicts"
printf '%s\n' "${verdicts[@]}"
for n in $(seq 1 "$workers"); do
  echo "JSON worker $n: $root/reports/demo-cluster-$mode-$stamp-worker-$n.json"
done
echo "Dumps, summaries and metrics.jsonl: $dumps"
