#!/usr/bin/env bash
# Stop latency of the cogos distribution (see bench/README.md "Stop latency"): LIDAR obstacle -> stop alone and
# under the same robot's camera at 15 fps plus speech, and typed/spoken "stop" -> stop, through a loopback
# Mosquitto with TCP_NODELAY. Options: -Dbench.seconds=30 (as JAVA_OPTS).
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
    org.cogos.bench.StopLatencyBenchmark "$dist" bench/target/stop-run
