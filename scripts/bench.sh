#!/usr/bin/env bash
# End-to-end benchmark of the cogos distribution (see bench/README.md). Prints figures beside baselines
# measured in the same run. Options (as JAVA_OPTS): -Dbench.rate=1000 -Dbench.seconds=10 -Dbench.robots=100,
# -Dbench.parts=cold,latency,fleet; the rest in bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/setup.sh | grep '^export ' || true)"
export OPT_OUT_TRACKING=true
version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
dist=karaf-features/distribution/target/cogos-distribution-$version.tar.gz
[ -f "$dist" ] || mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl bench install -DskipTests
mvn -B -q -ntp -pl bench dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
exec java ${JAVA_OPTS:-} -Dai.djl.offline=true -cp "bench/target/classes:$(cat bench/target/classpath.txt)" \
    org.cogos.bench.EndToEndBenchmark "$dist" bench/target/run
