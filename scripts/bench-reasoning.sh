#!/usr/bin/env bash
# Reasoning benchmarks (bench/README.md, "Reasoning"): the RaBAB engine and its parts outside OSGi, in sequence:
#   decision  RaBAB vs the rules engine on the same scenes at 1,000 scenes/s (acks fed meanwhile), max throughput
#   kg        knowledge graph update throughput, query/traverse latency, save/load
#   flow      e-graph equality saturation (bundles/flow): time and removed redundancy vs flow size, outputs checked
#             equal
#   learning  EvenNumberDetector learning curves (Bayesian rule reliability; the demo is in bench/)
#   plan      plan build + validate + execute latency, linear-resource grant throughput
# About 2 minutes on 2 cores. Usage: scripts/bench-reasoning.sh [decision] [kg] [flow] [learning] [plan] (default
# all). Each main's arguments can be changed, e.g. DECISION_ARGS="20 1000 3" (paced seconds, scenes/s, seconds per
# throughput figure), FLOW_ARGS="100 1" (flows per size, seed), LEARNING_ARGS="60 42" (examples, seed),
# PLAN_ARGS=100000 (iterations); JVM options as JAVA_OPTS.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(scripts/setup.sh | grep '^export ' || true)"
# The reasoning mains load no DJL model; set as in the other bench scripts so that nothing on the class path goes
# online.
export OPT_OUT_TRACKING=true
version=$(sed -n "s:.*<version>\(.*\)</version>.*:\1:p" pom.xml | head -1)
# The bench module's other dependencies (the distribution, the test harness, the rules engine) come from the local
# repository; the reasoning bundle and the flow library are reinstalled every time, as they are the ones under test.
dist=karaf-features/distribution/target/cogos-distribution-$version.tar.gz
[ -f "$dist" ] || mvn -B -q -ntp install -DskipTests
mvn -B -q -ntp -pl bundles/reasoning,bundles/flow install -DskipTests
# package writes bench/target/reasoning-classpath.txt: the engines and what they load, none of Karaf's jars.
mvn -B -q -ntp -pl bench package -DskipTests

benches=("$@")
[ ${#benches[@]} -gt 0 ] || benches=(decision kg flow learning plan)
classpath="bench/target/classes:$(cat bench/target/reasoning-classpath.txt)"
for bench in "${benches[@]}"; do
    case $bench in
    decision) main=DecisionLatencyBench args=${DECISION_ARGS:-20 1000 3} ;;
    kg) main=KnowledgeGraphBench args="" ;;
    flow) main=FlowEquivalenceBench args=${FLOW_ARGS:-100 1} ;;
    learning) main=LearningCurveBench args=${LEARNING_ARGS:-60 42} ;;
    plan) main=PlanBench args=${PLAN_ARGS:-100000} ;;
    *) echo "bench-reasoning: unknown benchmark '$bench' (decision, kg, flow, learning, plan)" >&2; exit 2 ;;
    esac
    echo
    # Other work on the machine moves the figures: the load average says how much there was.
    echo "=== $main $args ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)) ==="
    # shellcheck disable=SC2086 # JAVA_OPTS and args are lists
    java ${JAVA_OPTS:-} -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
        -cp "$classpath" org.cogos.bench.reasoning.$main $args
done
echo
echo "=== done ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg)) ==="
