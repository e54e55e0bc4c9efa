#!/usr/bin/env bash
# What direct-buffer tracking costs allocateDirect + release, under contention: the JMH benchmark
# bench/jmh (DirectBufferChurn: allocate a 1 KiB direct buffer, touch it, release it through its cleaner) with
# 1, 2 and 8 threads, each way in its own forked JVM:
#   none      no agent
#   tracked   the agent with its defaults (direct-buffer sites on), signal, metrics and dumps out of the way
#   baseline  (only with --baseline JAR) another build of the agent, the same way: e.g. main's, to compare with
# Rounds rotate the order of the ways, so drift on a shared machine spreads over all of them. Prints every run,
# then per thread count the median ops/s of each way and its ratio against no agent, and one 'bench-result {json}'.
#
# usage: bench/direct-tracking.sh [--rounds N] [--threads "1 2 8"] [--warmup S] [--seconds S] [--baseline JAR]
#   --rounds 3          runs per way and thread count
#   --threads "1 2 8"   thread counts
#   --warmup 3          warm-up iterations of 1 s each
#   --seconds 5         measured iterations of 1 s each
#   --baseline JAR      also run this agent jar (a build of another branch)
# env: JAVA (default: java on PATH or $JAVA_HOME), AGENT_JAR (default: agent/target/leakprobe-agent.jar).
# Builds bench/jmh (mvn -f bench/jmh/pom.xml package) when its jar is missing; the agent jar must exist.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

rounds=3
threads="1 2 8"
warmup=3
seconds=5
baseline=
usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=${2:?--rounds needs a value}; shift 2 ;;
    --threads) threads=${2:?--threads needs a value}; shift 2 ;;
    --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
    --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
    --baseline) baseline=${2:?--baseline needs a jar}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "direct-tracking.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

if [ -n "${JAVA:-}" ]; then java=$JAVA; elif [ -n "${JAVA_HOME:-}" ]; then java=$JAVA_HOME/bin/java; else java=java; fi
agent_jar=${AGENT_JAR:-$root/agent/target/leakprobe-agent.jar}
bench_jar=$root/bench/jmh/target/benchmarks.jar
for jar in "$agent_jar" ${baseline:+"$baseline"}; do
  if [ ! -f "$jar" ]; then echo "direct-tracking.sh: $jar is missing: run 'mvn -q -B -DskipTests package' first" >&2; exit 1; fi
done
if [ ! -f "$bench_jar" ]; then
  echo "\$ mvn -q -B -f bench/jmh/pom.xml package"
  mvn -q -B -f "$root/bench/jmh/pom.xml" package
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/leakprobe-direct-tracking.XXXXXX")
trap 'rm -rf "$work"' EXIT
ways=(none tracked)
if [ -n "$baseline" ]; then ways+=(baseline); fi

agent_flag() { # WAY -> the -javaagent flag (none for 'none')
  local quiet="dir=$work/dumps,signal=off,metrics=off"
  case "$1" in
    none) ;;
    tracked) printf '%s' "-javaagent:$agent_jar=$quiet" ;;
    baseline) printf '%s' "-javaagent:$baseline=$quiet" ;;
  esac
}

# run_once WAY THREADS ROUND: one JMH fork; appends "WAY THREADS opsPerSecond" to results.
run_once() {
  local way=$1 t=$2 n=$3 flag csv=$work/$1-$2-$3.csv score
  flag=$(agent_flag "$way")
  local jvm_args=(-jvmArgsAppend "-Xmx256m")
  if [ -n "$flag" ]; then jvm_args=(-jvmArgsAppend "-Xmx256m $flag"); fi
  _JAVA_SR_SIGNUM=40 "$java" -jar "$bench_jar" DirectBufferChurn -f 1 -t "$t" -wi "$warmup" -w 1s -i "$seconds" -r 1s \
    "${jvm_args[@]}" -rf csv -rff "$csv" >"$work/$way-$t-$n.log" 2>&1 || {
    echo "direct-tracking.sh: the $way run with $t threads failed:" >&2; tail -n 30 "$work/$way-$t-$n.log" >&2; exit 1
  }
  score=$(awk -F, 'NR == 2 { print $5 }' "$csv")
  printf '%-9s %7d %4d %16.0f\n' "$way" "$t" "$n" "$score"
  echo "$way $t $score" >>"$work/results"
}

echo "direct-tracking: $rounds rounds x ${#ways[@]} ways x threads ($threads), ${warmup}x1s warm-up + ${seconds}x1s measured"
echo "java: $("$java" -version 2>&1 | head -1); agent: $agent_jar${baseline:+; baseline: $baseline}; cores: $(nproc)"
printf '%-9s %7s %4s %16s\n' way threads run ops/s
for ((round = 1; round <= rounds; round++)); do
  for t in $threads; do
    for ((k = 0; k < ${#ways[@]}; k++)); do
      run_once "${ways[$(((round - 1 + k) % ${#ways[@]}))]}" "$t" "$round"
    done
  done
done

median() { # WAY THREADS -> median ops/s over the runs of WAY with THREADS
  awk -v way="$1" -v t="$2" '$1 == way && $2 == t { print $3 }' "$work/results" | sort -g \
    | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
echo
printf '%-9s %7s %16s %8s\n' way threads 'median ops/s' ratio
json="{\"rounds\":$rounds,\"warmupSeconds\":$warmup,\"seconds\":$seconds,\"runs\":["
first=1
for t in $threads; do
  base=$(median none "$t")
  for way in "${ways[@]}"; do
    ops=$(median "$way" "$t")
    ratio=$(awk -v o="$ops" -v b="$base" 'BEGIN { printf "%.3f", (b > 0 ? o / b : 0) }')
    printf '%-9s %7d %16.0f %8s\n' "$way" "$t" "$ops" "$ratio"
    if [ $first -eq 0 ]; then json="$json,"; fi
    first=0
    json="$json{\"way\":\"$way\",\"threads\":$t,\"opsPerSecond\":$ops,\"ratio\":$ratio}"
  done
done
echo "bench-result $json]}"
