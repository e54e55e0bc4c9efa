#!/usr/bin/env bash
# What a @LeakTest adds to a build: `mvn test` of a project with one small scenario (an LRU cache of 100 entries
# under churn), run as a plain @Test that repeats the body 110 times, and as @LeakTest (10 warm-up + 100 runs, three
# live dumps of the test JVM, the analysis, the HTML page). The two builds alternate; each prints its wall time, and
# the end shows the medians, the difference and the ratio, with the dump sizes and the extension's own figures.
# A benchmark, never run by tests.
#   bench/leak-test.sh [--rounds 5]
# The project and a private local repository (leakprobe-junit installed, everything else read from ~/.m2) live in
# bench/target/leak-test; nothing is installed into ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    *) echo "leak-test: unknown option $1 (try --rounds 5)" >&2; exit 2 ;;
  esac
done

echo "leak-test: building leakprobe-junit" >&2
mvn -B -q -pl junit -am package -DskipTests >&2
version=$(sed -n 's/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml | head -1)
build_repo=${M2_REPO:-$HOME/.m2/repository}  # where this build's third-party artifacts are

work=bench/target/leak-test
rm -rf "$work"
mkdir -p "$work/m2" "$work/project/src/test/java/bench"
install() {  # artifactId extension file
  local dir="$work/m2/dev/leakprobe/$1/$version"
  mkdir -p "$dir"
  cp "$3" "$dir/$1-$version.$2"
}
install leakprobe-parent pom pom.xml
install leakprobe-junit pom junit/dependency-reduced-pom.xml
install leakprobe-junit jar junit/target/leakprobe-junit.jar
repo_xml="<id>build-repo</id><url>file://$build_repo</url>
  <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
  <snapshots><enabled>false</enabled></snapshots>"
cat > "$work/settings.xml" <<XML
<settings><profiles><profile><id>build-repo</id>
  <repositories><repository>$repo_xml</repository></repositories>
  <pluginRepositories><pluginRepository>$repo_xml</pluginRepository></pluginRepositories>
</profile></profiles><activeProfiles><activeProfile>build-repo</activeProfile></activeProfiles></settings>
XML
# The consumer project of the end-to-end test, with its tests replaced by the two variants of one scenario.
cp e2e/junit-consumer/pom.xml "$work/project/"
cp -r e2e/junit-consumer/src/main "$work/project/src/"
cat > "$work/project/src/test/java/bench/Scenario.java" <<'JAVA'
package bench;

import com.example.cache.Lru;

final class Scenario {
    static final Lru<String, byte[]> CACHE = new Lru<>(100);
    private static long next;

    static void churn() {
        for (int i = 0; i < 50; i++) {
            CACHE.put("key-" + next++, new byte[1024]);
        }
    }
}
JAVA
cat > "$work/project/src/test/java/bench/PlainTest.java" <<'JAVA'
package bench;

class PlainTest {
    @org.junit.jupiter.api.Test
    void churn() {
        for (int i = 0; i < 110; i++) {
            Scenario.churn();
        }
    }
}
JAVA
cat > "$work/project/src/test/java/bench/LeakTestVariant.java" <<'JAVA'
package bench;

class LeakTestVariant {
    @dev.leakprobe.junit.LeakTest
    void churn() {
        Scenario.churn();
    }
}
JAVA

mvn_test() {  # test class → wall seconds on stdout, build log in $work/<class>.log
  local start end
  start=$(date +%s.%N)
  (cd "$work/project" && mvn -B -s ../settings.xml -Dmaven.repo.local="$PWD/../m2" \
     -Dleakprobe.version="$version" -Dtest="$1" test) > "$work/$1.log" 2>&1 \
    || { echo "leak-test: mvn test -Dtest=$1 failed, see $work/$1.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

echo "leak-test: first build (resolves and compiles, not measured)" >&2
mvn_test PlainTest > /dev/null
# One @LeakTest run with its dumps kept, to measure them.
sed -i 's/@dev.leakprobe.junit.LeakTest$/@dev.leakprobe.junit.LeakTest(keepDumps = true)/' \
  "$work/project/src/test/java/bench/LeakTestVariant.java"
mvn_test LeakTestVariant > /dev/null
dump_sizes=$(find "$work/project/target/leakprobe-tmp" -name '*.hprof' -printf '%s\n' | sort -n \
  | awk '{printf "%s%.1f MB", (NR > 1 ? ", " : ""), $1 / 1048576}')
sed -i 's/@dev.leakprobe.junit.LeakTest(keepDumps = true)/@dev.leakprobe.junit.LeakTest/' \
  "$work/project/src/test/java/bench/LeakTestVariant.java"
(cd "$work/project" && mvn -B -q -s ../settings.xml -Dmaven.repo.local="$PWD/../m2" \
   -Dleakprobe.version="$version" -DskipTests test-compile) >&2

plain=()
leak=()
figures=()
printf '%-6s %12s %14s\n' round "plain @Test" "@LeakTest"
for r in $(seq 1 "$rounds"); do
  p=$(mvn_test PlainTest)
  l=$(mvn_test LeakTestVariant)
  plain+=("$p")
  leak+=("$l")
  figures+=("$(sed -n 's/^\[leakprobe\] [^:]*: [^;]*; //p' "$work/LeakTestVariant.log" | sed 's/; report .*//')")
  printf '%-6s %11.2fs %13.2fs\n' "$r" "$p" "$l"
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mp=$(median "${plain[@]}")
ml=$(median "${leak[@]}")
echo
printf 'median mvn test: plain %.2f s, @LeakTest %.2f s: the leak test adds %.2f s (ratio %.2f)\n' \
  "$mp" "$ml" "$(echo "$ml - $mp" | bc)" "$(echo "$ml / $mp" | bc -l)"
echo "dumps of the test JVM: $dump_sizes"
echo "inside the test JVM, per round:"
printf '  %s\n' "${figures[@]}"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (compare runs made under the same load)"
