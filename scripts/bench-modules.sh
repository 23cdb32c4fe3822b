#!/usr/bin/env bash
# Per-module benchmarks (bench/README.md, "Modules"): each module outside OSGi with its real models and committed
# fixtures (load, first call, steady p50/p99, single-thread throughput, reload; audio's real-time factor), then the
# vision module inside the Karaf distribution beside the same module and model outside OSGi (overhead ratio).
# About 3 minutes on 2 cores. Options as JAVA_OPTS, e.g. -Dbench.modules=vision,language -Dbench.karaf=false
# -Dbench.karaf.frames=300 -Dbench.vision.calls=100 (see org.cogos.bench.modules.ModuleBenchmark).
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/setup.sh | grep '^export ' || true)"
# DJL stays offline only with both set before it starts (the benchmark refuses to run otherwise).
export OPT_OUT_TRACKING=true
version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
dist=karaf-features/distribution/target/cogos-distribution-$version.tar.gz
[ -f "$dist" ] || mvn -B -q -ntp install -DskipTests
native_lib=$PWD/native-bridge/target/native/libcogos_bridge.so
[ -f "$native_lib" ] || mvn -B -q -ntp -pl bundles/api,native-bridge package -DskipTests
# package writes bench/target/modules-classpath.txt: the modules and their runtimes, none of Karaf's jars.
mvn -B -q -ntp -pl bench package -DskipTests
# DJL logs at error level only: its warning that it finds no CUDA is expected on a CPU-only machine.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dcogos.native.lib="$native_lib" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.ai.djl.onnxruntime.engine=error \
    -cp "bench/target/classes:$(cat bench/target/modules-classpath.txt)" \
    org.cogos.bench.modules.ModuleBenchmark "$dist" bench/target/modules-run
