package org.cogos.bench.modules;

import java.util.List;

import org.cogos.util.stats.Latencies;

/**
 * One module's (or model's) figures outside OSGi.
 *
 * @param loadMs    construction (activation) with its models, the first time in this JVM
 * @param reloadMs  release then construction again, as a hot swap does (JVM and JIT warm)
 * @param firstMs   the first call after load
 * @param steady    call latencies after the warm-up
 * @param steadyNs  wall time of the steady loop, for the single-thread throughput
 * @param firstPass the results of the first call on each distinct input, in input order
 * @param <O>       what a call gives
 */
record ModuleFigures<O>(String name, String input, double loadMs, double reloadMs, double firstMs, Latencies steady,
        long steadyNs, List<O> firstPass) {

    double perSecond() {
        return steady.count() / (steadyNs / 1e9);
    }
}
