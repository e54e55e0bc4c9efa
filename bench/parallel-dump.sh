#!/usr/bin/env bash
# The pause of a heap dump on a heap of about 1 GB of live objects: the serial HotSpotDiagnosticMXBean call against
# the agent's choice (a parallel GC.heap_dump through the JVM's attach listener where the JDK has one: JDK 25 here;
# on JDK 17 both ways are the serial call). Alternates the two ways for ROUNDS rounds in one JVM and prints every
# run, the median pause the application sees (longest gap of a ticking thread) and of the call, and the ratios.
#
# usage: bench/parallel-dump.sh [--heap-mb 1024] [--rounds 5] [--dir DIR]
# env: JAVA (default: the JDK 25 at /usr/lib/jvm/temurin-25-jdk-amd64), AGENT_JAR (default: agent/target/...).
# Needs about 2 x the dump's size free in DIR (default: a temporary folder, removed after).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

heap_mb=1024
rounds=5
dir=
while [ $# -gt 0 ]; do
  case "$1" in
    --heap-mb) heap_mb=${2:?--heap-mb needs a value}; shift 2 ;;
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --dir) dir=${2:?--dir needs a value}; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "parallel-dump.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
java=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
agent_jar=${AGENT_JAR:-$root/agent/target/leakprobe-agent.jar}
if [ ! -f "$agent_jar" ]; then echo "parallel-dump.sh: $agent_jar is missing: run 'mvn -q -B -DskipTests package' first" >&2; exit 1; fi
if [ -z "$dir" ]; then
  dir=$(mktemp -d "${TMPDIR:-/tmp}/leakprobe-parallel-dump.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
fi
xmx=$((heap_mb * 2 + 512))
echo "parallel-dump: ~${heap_mb} MB live, $rounds rounds, -Xmx${xmx}m; java: $("$java" -version 2>&1 | head -1); cores: $(nproc)"
"$java" "-Xms${xmx}m" "-Xmx${xmx}m" -cp "$agent_jar" "$root/bench/ParallelDump.java" "$dir" "$heap_mb" "$rounds"
