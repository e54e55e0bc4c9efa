#!/usr/bin/env bash
# The course's mock server: every request, whatever its URL, is answered with demo-http/data/user.json, and appended
# as one line (time, method, URL) to one log file that grows (default demo-http/mock.log).
#
# usage: demo-http/run-mock.sh [--port 8080] [--data FILE] [--log FILE]
# JAVA_OPTS: JVM options, e.g. JAVA_OPTS=-javaagent:agent/target/leakprobe-agent.jar=dir=dumps to run it with the
# leakprobe agent (or attach it later: bin/leakprobe attach PID dir=dumps).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/target/demo-http.jar
if [ ! -f "$jar" ]; then
  echo "run-mock: building $jar" >&2
  (cd "$here/.." && mvn -q -B -pl demo-http -am -DskipTests -DskipITs package)
fi
# HotSpot's suspend signal off SIGUSR2, so that kill -USR2 reaches the agent alone (see the README).
export _JAVA_SR_SIGNUM=40
# shellcheck disable=SC2086  # JAVA_OPTS is a list of options
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${JAVA_OPTS:-} -Ddemo.http.home="$here" -jar "$jar" mock "$@"
