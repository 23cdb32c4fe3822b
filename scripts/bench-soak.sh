#!/usr/bin/env bash
# Soak benchmark of the cogos distribution (see bench/README.md, "Soak"): a fleet of robots, each streaming LIDAR,
# text, camera and audio through a loopback Mosquitto; the cogos JVM's heap after GC and RSS every few seconds, the
# verdict flat or not, p99 per modality, errors and lost actions; writes bench/target/soak.csv and bench/soak.svg.
# Options (as JAVA_OPTS): -Dbench.robots=100 -Dbench.minutes=10 -Dbench.sampleSeconds=10.
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
    org.cogos.bench.SoakBenchmark "$dist" bench/target/soak-run
