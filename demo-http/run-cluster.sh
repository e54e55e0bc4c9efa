#!/usr/bin/env bash
# The course's cluster: one worker JVM per core on one port (SO_REUSEPORT), each running the leakprobe agent with a
# heap dump every hour into dumps/worker-N/; a worker that dies is replaced. Interceptors are the Java sources in
# demo-http/interceptors/ (or --interceptors DIR), compiled at start and reloaded whenever a file changes.
#
# usage: demo-http/run-cluster.sh [--port 8080] [--workers N] [--interceptors DIR] [--dumps dumps]
#                                 [--agent-options interval=1h] [--worker-opts "-Xmx256m"]
# Options given twice: the last one counts, so yours override the defaults below.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
jar=$here/target/demo-http.jar
agent=$repo/agent/target/leakprobe-agent.jar
if [ ! -f "$jar" ] || [ ! -f "$agent" ]; then
  echo "run-cluster: building $jar and $agent" >&2
  (cd "$repo" && mvn -q -B -pl demo-http -am -DskipTests -DskipITs package)
fi
export _JAVA_SR_SIGNUM=40
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -Xmx64m -jar "$jar" cluster --interceptors "$here/interceptors" \
  --agent "$agent" --agent-options interval=1h "$@"
