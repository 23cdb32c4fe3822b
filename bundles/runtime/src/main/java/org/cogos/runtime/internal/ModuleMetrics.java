package org.cogos.runtime.internal;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.cogos.api.admin.ModuleCounters;
import org.cogos.util.stats.Latencies;
import org.cogos.util.stats.LatencyBuckets;
import org.cogos.util.stats.RateMeter;

/** Counters of one module name; survive swaps so lsmod shows the module's history across versions. */
final class ModuleMetrics {

    /** How many of the most recent processing latencies lsmod's p99 is taken over. */
    static final int LATENCY_WINDOW = 2048;

    final LongAdder processed = new LongAdder();
    final LongAdder errors = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> errorsByCode = new ConcurrentHashMap<>();
    /** Percepts dropped unprocessed for newer ones of the same robot (the module's backlog). */
    final LongAdder superseded = new LongAdder();
    final RateMeter rate = new RateMeter();
    final Latencies latency = new Latencies(LATENCY_WINDOW);
    /** Every processing time since cogos started, for monitoring; {@link #latency} is lsmod's recent window. */
    private final LatencyBuckets latencyBuckets = new LatencyBuckets();

    void recordProcessed(long nanos) {
        processed.increment();
        rate.record();
        latency.record(nanos);
        latencyBuckets.record(nanos);
    }

    /** A percept the module refused ({@code malformed}, ...) or failed on ({@code module_fault}). */
    void recordError(String code) {
        errors.increment();
        errorsByCode.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    ModuleCounters counters(String name) {
        Map<String, Long> byCode = new TreeMap<>();
        errorsByCode.forEach((code, count) -> byCode.put(code, count.sum()));
        return new ModuleCounters(name, processed.sum(), superseded.sum(), byCode,
                Arrays.stream(LatencyBuckets.boundsNanos()).boxed().toList(),
                Arrays.stream(latencyBuckets.counts()).boxed().toList(), latencyBuckets.sumNanos());
    }
}
